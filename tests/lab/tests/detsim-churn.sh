#!/usr/bin/env bash
# Four simulated masters race on the one Gateway (plus Contour's status
# writes): RetryOnConflict must keep it consistent - no duplicate ports, no
# listener left behind once everything is freed. 409s that survive
# retry.DefaultRetry are counted (retry_exhausted), as the master would fail.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
ns=detsim-churn-$$-$RANDOM
kubectl create namespace "$ns" >/dev/null
out=$(detsim churn --gateway projectcontour/contour --namespace "$ns" --range 41000-41015 \
  --rate 40 --duration 5s --workers 4 --hold 100ms) || fail "churn reported problems: $out"
jq -c . <<<"$out"
[[ "$(jq .allocs <<<"$out")" -ge 5 ]] || fail "too few allocations (machine overloaded?): $out"
[[ "$(jq .conflicts_retried <<<"$out")" -gt 0 ]] || fail "no 409 Conflict was retried: the race was not exercised"
[[ "$(jq '.leftover_allocs + .duplicate_ports + .errors | length' <<<"$out")" == 0 ]] || fail "inconsistent: $out"
left=$(kubectl -n projectcontour get gateway contour -o json |
  jq '[.spec.listeners[] | select(.port >= 41000 and .port <= 41015)] | length')
[[ "$left" == 0 ]] || fail "$left listeners in 41000-41015 left on the Gateway"
# Objects of allocations whose free failed with 409 were cleaned by the final sweep.
[[ -z "$(kubectl -n "$ns" get services,tcproutes.v1alpha2.gateway.networking.k8s.io -o name)" ]] || fail "objects left in $ns"
pass "churn: $(jq -c '{allocs, conflicts_retried, retry_exhausted}' <<<"$out")"
