#!/usr/bin/env bash
# Every socket the lab's processes listen on is bound to 127.0.0.1.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
n=0
while read -r pid; do
  kill -0 "$pid" 2>/dev/null || fail "lab process $pid is not running"
  socks=$(ss -Htulnp | grep "pid=$pid," | awk '{print $5}') || true
  [[ -n "$socks" ]] || fail "process $pid ($(cat /proc/"$pid"/comm)) has no listening socket"
  while read -r a; do
    [[ "$a" == 127.0.0.1:* ]] || fail "process $pid ($(cat /proc/"$pid"/comm)) listens on $a"
    n=$((n + 1))
  done <<<"$socks"
done < <(sed -n 's/^LAB[0-9]*_[A-Z]*_PID=//p' "$LAB_RUN_DIR/lab.env")
pass "$n listening sockets, all on 127.0.0.1"
