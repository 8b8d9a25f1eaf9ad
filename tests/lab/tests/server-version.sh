#!/usr/bin/env bash
# The apiservers report the stamped version (v1.34.x, not v0.0.0-master).
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
for i in $(seq "$LAB_CLUSTERS"); do
  v=$(kubectl --context "lab$i-admin" version -o json | jq -r .serverVersion.gitVersion)
  [[ "$v" == "$K8S" ]] || fail "lab$i server version is '$v', want $K8S"
  m=$(kubectl --context "lab$i-admin" version -o json | jq -r '.serverVersion.major + "." + .serverVersion.minor')
  [[ "$m" == "$(cut -d. -f1,2 <<<"${K8S#v}")" ]] || fail "lab$i major.minor is '$m'"
  pass "lab$i serves $v"
done
