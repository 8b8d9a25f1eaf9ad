#!/usr/bin/env bash
# Every CRD of the bundle is Established; for the default bundle TCPRoute
# v1alpha2 (what Determined 0.38 uses) is served.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
crd_dir=$(dirname "$LAB_BIN")/crds/$LAB_CRDS
crd_files() { find "$crd_dir/" "$(dirname "$LAB_BIN")/crds/contour/" -maxdepth 1 -name '*.yaml' ! -name kustomization.yaml; }
mapfile -t want < <(crd_files | sed 's/^/-f/' | xargs kubectl create --dry-run=client -o name |
  sed -n 's|^customresourcedefinition.apiextensions.k8s.io/||p' | sort -u)
[[ ${#want[@]} -ge 8 ]] || fail "found only ${#want[@]} CRDs in $crd_dir"
for i in $(seq "$LAB_CLUSTERS"); do
  est=$(kubectl --context "lab$i-admin" get crd -o json |
    jq -r '.items[] | select(any(.status.conditions[]?; .type=="Established" and .status=="True")) | .metadata.name' | sort)
  for c in "${want[@]}"; do
    grep -qx "$c" <<<"$est" || fail "lab$i: CRD $c is not Established"
  done
  if [[ "$LAB_CRDS" == experimental ]]; then
    kubectl --context "lab$i-admin" get --raw /apis/gateway.networking.k8s.io/v1alpha2 |
      jq -e '.resources[] | select(.name=="tcproutes")' >/dev/null || fail "lab$i: tcproutes v1alpha2 not served"
    kubectl --context "lab$i-admin" get tcproutes.v1alpha2.gateway.networking.k8s.io -A >/dev/null 2>&1 || fail "lab$i: cannot list tcproutes v1alpha2"
  fi
  pass "lab$i: ${#want[@]} CRDs Established ($LAB_CRDS)"
done
