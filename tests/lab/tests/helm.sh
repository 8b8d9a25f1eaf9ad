#!/usr/bin/env bash
# helm install / list / uninstall of a project-owned chart against the lab.
#   helm.sh RUNDIR helm3|helm4
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
H=${2:?helm3 or helm4}
case $H in helm3) want=$HELM3 ;; helm4) want=$HELM4 ;; *) fail "unknown helm $H" ;; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HELM_CONFIG_HOME=$tmp/config HELM_CACHE_HOME=$tmp/cache HELM_DATA_HOME=$tmp/data HELM_PLUGINS=$tmp/plugins
v=$("$H" version --template '{{.Version}}')
[[ "$v" == "$want" ]] || fail "$H version is '$v', want $want"
chart=$LAB_SRC_DIR/testdata/charts/labdemo
for i in $(seq "$LAB_CLUSTERS"); do
  ns=$H-$$-$RANDOM rel=demo-$H
  "$H" --kube-context "lab$i-admin" install "$rel" "$chart" -n "$ns" --create-namespace >"$tmp/install.log" 2>&1 ||
    fail "lab$i: $H install failed: $(cat "$tmp/install.log")"
  st=$("$H" --kube-context "lab$i-admin" list -n "$ns" -o json | jq -r --arg r "$rel" '.[] | select(.name==$r) | .status')
  [[ "$st" == deployed ]] || fail "lab$i: $H list shows '$st' for $rel"
  kv=$(kubectl --context "lab$i-admin" -n "$ns" get configmap "$rel-labdemo" -o jsonpath='{.data.kubeVersion}')
  [[ "$kv" == "$K8S" ]] || fail "lab$i: chart saw KubeVersion '$kv', want $K8S"
  "$H" --kube-context "lab$i-admin" uninstall "$rel" -n "$ns" >/dev/null
  [[ -z "$("$H" --kube-context "lab$i-admin" list -n "$ns" -q)" ]] || fail "lab$i: release still listed"
  kubectl --context "lab$i-admin" -n "$ns" get configmap "$rel-labdemo" >/dev/null 2>&1 && fail "lab$i: ConfigMap left"
  pass "lab$i: $H $v install/list/uninstall (KubeVersion $kv)"
done
