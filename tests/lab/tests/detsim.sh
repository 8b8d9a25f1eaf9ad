#!/usr/bin/env bash
# detsim alloc/free against the real apiserver + Contour: listener, annotation,
# Service and TCPRoute appear, Contour Accepts the route, free removes it all.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
ns=detsim-$$-$RANDOM
kubectl create namespace "$ns" >/dev/null
GW=(--gateway projectcontour/contour --namespace "$ns")
gwjson() { kubectl -n projectcontour get gateway contour -o json; }

# The seed listener `tcp` holds 52335, so the lowest free port in 52335-52340 is 52336.
a=$(detsim alloc "${GW[@]}" --range 52335-52340 --ports 1 --alloc lab-a.1 --job det-lab-a)
[[ "$(jq -c .ports <<<"$a")" == '[52336]' ]] || fail "alloc picked $(jq -c .ports <<<"$a"), want [52336]"
b=$(detsim alloc "${GW[@]}" --range 52335-52340 --ports 2 --alloc lab-b.1)
[[ "$(jq -c .ports <<<"$b")" == '[52337,52338]' ]] || fail "second alloc picked $(jq -c .ports <<<"$b")"

g=$(gwjson)
jq -e '.spec.listeners[] | select(.name=="det-52336" and .port==52336 and .protocol=="TCP"
  and .allowedRoutes.namespaces.from=="All")' <<<"$g" >/dev/null || fail "listener det-52336 missing/wrong"
[[ "$(jq -r '.metadata.annotations["determined.ai/det-gateway-port-52336"]' <<<"$g")" == lab-a.1 ]] ||
  fail "annotation determined.ai/det-gateway-port-52336 missing"
[[ "$(jq -r '.metadata.annotations["determined.ai/det-gateway-port-52338"]' <<<"$g")" == lab-b.1 ]] ||
  fail "annotation determined.ai/det-gateway-port-52338 missing"

s=$(kubectl -n "$ns" get service det-lab-a-0 -o json) || fail "Service det-lab-a-0 missing"
jq -e '.metadata.labels.determined=="lab-a.1" and .metadata.annotations["determined.ai/job-name"]=="det-lab-a"
  and .spec.selector.determined=="lab-a.1" and .spec.type=="ClusterIP" and .spec.ports[0].port==8080' <<<"$s" >/dev/null ||
  fail "Service det-lab-a-0 has wrong labels/spec: $s"
r=$(kubectl -n "$ns" get tcproutes.v1alpha2.gateway.networking.k8s.io det-lab-a-0 -o json) || fail "TCPRoute det-lab-a-0 missing"
jq -e '.spec.parentRefs[0] | .namespace=="projectcontour" and .name=="contour" and .port==52336 and .sectionName=="det-52336"' \
  <<<"$r" >/dev/null || fail "TCPRoute parentRef wrong: $(jq -c .spec.parentRefs <<<"$r")"
jq -e '.spec.rules[0].backendRefs[0] | .name=="det-lab-a-0" and .port==8080' <<<"$r" >/dev/null || fail "backendRef wrong"

route_accepted() {
  kubectl -n "$ns" get tcproutes.v1alpha2.gateway.networking.k8s.io "$1" -o json |
    jq -e '.status.parents[]? | select(.parentRef.sectionName=="'"$2"'") | .conditions[] | select(.type=="Accepted" and .status=="True")' >/dev/null
}
until_true 30 route_accepted det-lab-a-0 det-52336 ||
  fail "Contour did not mark TCPRoute det-lab-a-0 Accepted: $(kubectl -n "$ns" get tcproutes.v1alpha2.gateway.networking.k8s.io det-lab-a-0 -o jsonpath='{.status}')"
until_true 30 route_accepted "$(jq -r '.routes[1]' <<<"$b")" det-52338 || fail "route of lab-b.1 port 52338 not Accepted"
attached=$(gwjson | jq '.status.listeners[] | select(.name=="det-52336") | .attachedRoutes')
[[ "$attached" == 1 ]] || fail "listener det-52336 attachedRoutes=$attached, want 1"
pass "alloc: listeners, annotations, Service, TCPRoute; Contour Accepted the routes"

f=$(detsim free "${GW[@]}" --alloc lab-a.1)
[[ "$(jq -c .ports <<<"$f")" == '[52336]' ]] || fail "free freed $(jq -c .ports <<<"$f")"
g=$(gwjson)
jq -e '.spec.listeners[] | select(.name=="det-52336")' <<<"$g" >/dev/null && fail "listener det-52336 still there"
jq -e '.metadata.annotations["determined.ai/det-gateway-port-52336"]' <<<"$g" >/dev/null && fail "annotation still there"
jq -e '.spec.listeners[] | select(.name=="det-52337")' <<<"$g" >/dev/null || fail "free removed lab-b.1's listener"
jq -e '.spec.listeners[] | select(.name=="tcp")' <<<"$g" >/dev/null || fail "free removed the seed listener"
kubectl -n "$ns" get service det-lab-a-0 >/dev/null 2>&1 && fail "Service still there"
kubectl -n "$ns" get tcproutes.v1alpha2.gateway.networking.k8s.io det-lab-a-0 >/dev/null 2>&1 && fail "TCPRoute still there"
detsim free "${GW[@]}" --alloc lab-b.1 >/dev/null
[[ "$(gwjson | jq -c '[.spec.listeners[].name]')" == '["tcp"]' ]] || fail "listeners left: $(gwjson | jq -c '[.spec.listeners[].name]')"
[[ -z "$(kubectl -n "$ns" get services,tcproutes.v1alpha2.gateway.networking.k8s.io -o name)" ]] || fail "objects left in $ns"
pass "free: listeners, annotations, Services, TCPRoutes removed"
