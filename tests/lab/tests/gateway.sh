#!/usr/bin/env bash
# Contour wrote real status: Gateway Accepted + Programmed, address 127.0.0.1,
# seed listener `tcp` Programmed.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
for i in $(seq "$LAB_CLUSTERS"); do
  gw=$(kubectl --context "lab$i-admin" -n projectcontour get gateway contour -o json)
  for t in Accepted Programmed; do
    s=$(jq -r --arg t "$t" '.status.conditions[] | select(.type==$t) | .status' <<<"$gw")
    [[ "$s" == True ]] || fail "lab$i: Gateway condition $t is '$s'"
  done
  a=$(jq -r '[.status.addresses[].value] | join(",")' <<<"$gw")
  [[ "$a" == 127.0.0.1 ]] || fail "lab$i: Gateway addresses '$a', want 127.0.0.1"
  l=$(jq -r '.status.listeners[] | select(.name=="tcp") | .conditions[] | select(.type=="Programmed") | .status' <<<"$gw")
  [[ "$l" == True ]] || fail "lab$i: listener tcp Programmed is '$l'"
  gc=$(kubectl --context "lab$i-admin" get gatewayclass contour -o jsonpath='{.spec.controllerName}')
  [[ "$gc" == projectcontour.io/gateway-controller ]] || fail "lab$i: GatewayClass controllerName '$gc'"
  pass "lab$i: Gateway projectcontour/contour Programmed at $a"
done
