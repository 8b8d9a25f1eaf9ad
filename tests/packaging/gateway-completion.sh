#!/usr/bin/env bash
# `kubectl detgw ... --gateway <TAB>` through the real kubectl and kubectl_complete-detgw: the
# Gateways of the cluster the earlier --context/-n select, from the running lab (its Gateway is
# projectcontour/contour). Also --context from the kubeconfig, and silence on a 403.
#   gateway-completion.sh KUBECTL_DETGW_BINARY
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
binary=$1
[[ -n "${KUBECONFIG:-}" && -f "$KUBECONFIG" ]] || fail "no lab kubeconfig (KUBECONFIG=${KUBECONFIG:-})"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ln -s "$binary" "$tmp/kubectl-detgw"
ln -s "$SRC_DIR/packaging/kubectl_complete-detgw" "$tmp/kubectl_complete-detgw"
export PATH=$tmp:$LAB_BIN:/usr/bin:/bin
complete() { kubectl __complete detgw "$@" 2>/dev/null; }

# Any command that takes --gateway (none did before `status`).
sub=
for candidate in $(candidates "$(complete "")"); do
  if candidates "$(complete "$candidate" --gat)" | grep -qx -- --gateway; then sub=$candidate; break; fi
done
[[ -n "$sub" ]] || skip "no kubectl detgw command takes --gateway yet"

out=$(complete "$sub" --context "")
expect_lines "$(candidates "$out")" lab1-admin lab1-viewer lab1-sa lab2-admin
out=$(complete "$sub" --context lab1-admin --gateway "")
expect_lines "$(candidates "$out")" projectcontour/contour
grep -qx ":4" <<<"$out" || fail "--gateway did not turn file completion off: $out"
out=$(complete "$sub" --context lab1-admin -n projectcontour --gateway "")
expect_lines "$(candidates "$out")" contour
out=$(complete "$sub" --context=lab2-admin --gateway=proj)
expect_lines "$(candidates "$out")" --gateway=projectcontour/contour
# The viewer may not list Gateways: nothing offered, nothing printed but the directive.
out=$(kubectl __complete detgw "$sub" --context lab1-viewer --gateway "" 2>"$tmp/err") || fail "completion failed"
[[ -z "$(candidates "$out")" ]] || fail "a forbidden list offered: $out"
pass "kubectl detgw $sub --gateway completes the lab's Gateways (per --context and -n)"
