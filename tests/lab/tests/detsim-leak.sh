#!/usr/bin/env bash
# detsim --leak stops half way like a crashed master; free cleans up after it.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
ns=detsim-leak-$$-$RANDOM
kubectl create namespace "$ns" >/dev/null
GW=(--gateway projectcontour/contour --namespace "$ns")
R=(--range 52400-52410)
a=$(detsim alloc "${GW[@]}" "${R[@]}" --ports 2 --alloc leak-a.1 --leak after-listeners)
[[ "$(jq -r .leaked <<<"$a")" == after-listeners && "$(jq '.ports|length' <<<"$a")" == 2 ]] || fail "bad ground truth: $a"
names=$(kubectl -n projectcontour get gateway contour -o json | jq -r '[.spec.listeners[].name] | join(" ")')
for l in $(jq -r '.listeners[]' <<<"$a"); do grep -qw "$l" <<<"$names" || fail "leaked listener $l missing"; done
[[ -z "$(kubectl -n "$ns" get services -o name)" ]] || fail "after-listeners created a Service"
b=$(detsim alloc "${GW[@]}" "${R[@]}" --ports 2 --alloc leak-b.1 --leak after-service)
[[ "$(jq -c .services <<<"$b")" == "[\"$(jq -r .job <<<"$b")-0\"]" && "$(jq -c .routes <<<"$b")" == '[]' ]] || fail "bad ground truth: $b"
kubectl -n "$ns" get service "$(jq -r '.services[0]' <<<"$b")" >/dev/null || fail "leaked Service missing"
[[ -z "$(kubectl -n "$ns" get tcproutes.v1alpha2.gateway.networking.k8s.io -o name)" ]] || fail "after-service created a TCPRoute"
pass "leak modes leave listeners / listeners+Service behind"
detsim free "${GW[@]}" --alloc leak-a.1 >/dev/null
detsim free "${GW[@]}" --alloc leak-b.1 >/dev/null
[[ "$(kubectl -n projectcontour get gateway contour -o json | jq -c '[.spec.listeners[] | select(.port>=52400 and .port<=52410)]')" == '[]' ]] ||
  fail "free left leaked listeners"
[[ -z "$(kubectl -n "$ns" get services -o name)" ]] || fail "free left the leaked Service"
pass "free cleans up leaked allocations"
