#!/usr/bin/env bash
# viewer (static token, no bindings) authenticates but gets 403 on gateways;
# the detgw-sa token authenticates as the ServiceAccount; a bad token is 401.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
for i in $(seq "$LAB_CLUSTERS"); do
  u=$(kubectl --context "lab$i-viewer" auth whoami -o jsonpath='{.status.userInfo.username}')
  [[ "$u" == viewer ]] || fail "lab$i: viewer token authenticates as '$u'"
  if out=$(kubectl --context "lab$i-viewer" get gateways -A 2>&1); then fail "lab$i: viewer listed gateways: $out"; fi
  grep -q 'Forbidden' <<<"$out" || fail "lab$i: viewer error is not Forbidden: $out"
  grep -q 'User "viewer" cannot list resource "gateways"' <<<"$out" || fail "lab$i: unexpected 403 text: $out"
  u=$(kubectl --context "lab$i-sa" auth whoami -o jsonpath='{.status.userInfo.username}')
  [[ "$u" == system:serviceaccount:default:detgw-sa ]] || fail "lab$i: SA token authenticates as '$u'"
  if out=$(kubectl --context "lab$i-sa" get gateways -n projectcontour 2>&1); then fail "lab$i: SA has unexpected rights"; fi
  grep -q Forbidden <<<"$out" || fail "lab$i: SA error is not Forbidden: $out"
  if out=$(kubectl --context "lab$i-viewer" --token=not-a-valid-token get ns 2>&1); then fail "lab$i: bad token accepted"; fi
  grep -qi 'unauthorized\|provide credentials' <<<"$out" || fail "lab$i: bad token error is not 401: $out"
  pass "lab$i: viewer 403, SA authenticates, bad token 401"
done
