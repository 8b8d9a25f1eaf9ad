# shellcheck shell=bash
# Sourced by the packaging tests. Exit codes: 0 pass, 1 fail, 77 skip (CTest SKIP_RETURN_CODE).
set -euo pipefail
PKG_TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_DIR=$(cd "$PKG_TESTS_DIR/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
pass() { printf 'PASS: %s\n' "$*"; }
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }

# The lab's binaries (kubectl, krew, helm3, helm4), built by tests/lab/build.
LAB_BIN=$("$SRC_DIR/tests/lab/build" --print-bin)
[[ -x "$LAB_BIN/kubectl" && -x "$LAB_BIN/helm3" && -x "$LAB_BIN/helm4" ]] ||
  fail "lab binaries missing in $LAB_BIN (run tests/lab/build)"

# expect_lines TEXT LINE...: every LINE is a whole line of TEXT.
expect_lines() {
  local text=$1; shift
  local line
  for line in "$@"; do
    grep -qxF -- "$line" <<<"$text" || fail "missing line '$line' in:
$text"
  done
}

# candidates OUTPUT: the completion candidates (values only) of a cobra __complete answer.
candidates() { sed -e '/^:[0-9]*$/d' -e 's/\t.*//' <<<"$1"; }

# A loopback HTTP server for DIR on a free port; sets HTTP_PORT and HTTP_PID.
serve_dir() {
  local dir=$1 log=$2
  python3 -u "$PKG_TESTS_DIR/serve.py" "$dir" >"$log" 2>&1 &
  HTTP_PID=$!
  local i
  for i in $(seq 1 100); do
    HTTP_PORT=$(sed -n 's/^port \([0-9][0-9]*\)$/\1/p' "$log" | head -1)
    [[ -n "$HTTP_PORT" ]] && return 0
    sleep 0.1
  done
  fail "http.server did not start: $(cat "$log")"
}
