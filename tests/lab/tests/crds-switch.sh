#!/usr/bin/env bash
# A one-cluster lab with --crds v1.6.1-standard: TCPRoute exists only as v1
# there, v1alpha2 is NOT served (the breaking case for Determined 0.38).
#   crds-switch.sh RUNDIR
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
run=${1:?RUNDIR}
trap '"$LAB_SRC_DIR/down" --dir "$run" >/dev/null 2>&1 || true' EXIT
"$LAB_SRC_DIR/up" --clusters 1 --dir "$run" --crds v1.6.1-standard
lab_load "$run"
[[ "$LAB_CRDS" == v1.6.1-standard ]] || fail "lab.env says crds=$LAB_CRDS"
kubectl get crd tcproutes.gateway.networking.k8s.io >/dev/null || fail "TCPRoute CRD missing"
served=$(kubectl get crd tcproutes.gateway.networking.k8s.io -o json | jq -r '[.spec.versions[] | select(.served) | .name] | join(",")')
[[ "$served" == v1 ]] || fail "TCPRoute served versions '$served', want v1"
if kubectl get --raw /apis/gateway.networking.k8s.io/v1alpha2 >"$run/v1alpha2.json" 2>&1; then
  jq -e '.resources[] | select(.name=="tcproutes")' "$run/v1alpha2.json" >/dev/null && fail "tcproutes v1alpha2 is served"
fi
if out=$(kubectl get tcproutes.v1alpha2.gateway.networking.k8s.io -A 2>&1); then fail "v1alpha2 TCPRoute list succeeded: $out"; fi
grep -q "doesn't have a resource type\|the server could not find the requested resource" <<<"$out" || fail "unexpected error: $out"
kubectl get tcproutes.v1.gateway.networking.k8s.io -A >/dev/null 2>&1 || fail "TCPRoute v1 not served"
pass "v1.6.1-standard: TCPRoute v1 served, v1alpha2 not ($LAB1_CONTOUR_DISABLED_FEATURES disabled in Contour)"
