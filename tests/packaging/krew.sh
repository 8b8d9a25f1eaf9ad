#!/usr/bin/env bash
# The kubectl plugin as krew users get it: the dist target's archive and manifest validated
# (krew's manifest rules, sha256), installed offline with the lab's real krew into a temporary
# KREW_ROOT, run through the real kubectl (`kubectl detgw version --client`), listed by
# `kubectl plugin list` without warnings, completed through kubectl_complete-detgw, uninstalled.
#   krew.sh DIST_DIR VERSION
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
dist=$1 version=$2
archive=$dist/kubectl-detgw_v${version}_linux_amd64.tar.gz
manifest=$dist/detgw.yaml
[[ -f "$archive" && -f "$manifest" ]] || fail "no $archive or $manifest: build the dist target"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check=$PKG_TESTS_DIR/check_krew_manifest.py

# What the archive holds, and a manifest krew-index CI would accept.
expect_lines "$(tar -tzf "$archive")" kubectl-detgw kubectl_complete-detgw LICENSE README.md
python3 "$check" "$manifest" --archive "$archive" || fail "the dist manifest is not valid"
grep -qx "  version: v$version" "$manifest" || fail "manifest version is not v$version"
# The checker itself rejects what krew rejects.
mkdir "$tmp/bad"
sed "s/^  version: v/  version: /" "$manifest" >"$tmp/bad/detgw.yaml"
if python3 "$check" "$tmp/bad/detgw.yaml" 2>/dev/null; then fail "checker accepted a version without v"; fi
sed -E "s/^(      sha256: )(.*)$/\1\U\2/" "$manifest" >"$tmp/bad/detgw.yaml"
if python3 "$check" "$tmp/bad/detgw.yaml" 2>/dev/null; then fail "checker accepted an uppercase sha256"; fi

# Offline krew: an empty default index (no clone), only this PATH.
export KREW_ROOT=$tmp/krew KREW_NO_UPGRADE_CHECK=1 KUBECONFIG=$tmp/no-kubeconfig
mkdir -p "$KREW_ROOT/index/default/.git" "$KREW_ROOT/index/default/plugins" "$tmp/tools"
ln -s "$LAB_BIN/kubectl" "$tmp/tools/kubectl"
ln -s "$LAB_BIN/kubectl-krew" "$tmp/tools/kubectl-krew"
export PATH=$KREW_ROOT/bin:$tmp/tools:/usr/bin:/bin

kubectl krew install --manifest="$manifest" --archive="$archive" >"$tmp/install.log" 2>&1 ||
  fail "krew install failed: $(cat "$tmp/install.log")"
[[ -x "$KREW_ROOT/bin/kubectl-detgw" ]] || fail "no $KREW_ROOT/bin/kubectl-detgw"
kubectl krew list | grep -qxE "(detached/)?detgw" || fail "krew list does not show detgw: $(kubectl krew list)"
python3 "$check" "$manifest" --installed "$KREW_ROOT" || fail "installed files lack a LICENSE"

out=$(kubectl detgw version --client) || fail "kubectl detgw version --client failed: $out"
[[ "$out" == "Client Version: $version" ]] || fail "version --client printed: $out"
out=$(kubectl detgw version --client -o json) || fail "version --client -o json failed"
grep -qF "\"clientVersion\": \"$version\"" <<<"$out" || fail "version --client -o json printed: $out"

# Completion the way the krew caveat sets it up: kubectl_complete-detgw next to the plugin.
ln -s "$(dirname "$(readlink -f "$KREW_ROOT/bin/kubectl-detgw")")/kubectl_complete-detgw" \
  "$KREW_ROOT/bin/kubectl_complete-detgw"
out=$(kubectl __complete detgw "" 2>/dev/null)
expect_lines "$(candidates "$out")" version
out=$(kubectl __complete detgw version --cl 2>/dev/null)
expect_lines "$(candidates "$out")" --client

list_err=$tmp/plugin-list.err
list=$(kubectl plugin list 2>"$list_err") || fail "kubectl plugin list failed: $(cat "$list_err")"
grep -qxF "$KREW_ROOT/bin/kubectl-detgw" <<<"$list" || fail "kubectl plugin list misses kubectl-detgw: $list"
if grep -qi warning "$list_err"; then fail "kubectl plugin list warned: $(cat "$list_err")"; fi

kubectl krew uninstall detgw >"$tmp/uninstall.log" 2>&1 || fail "krew uninstall failed: $(cat "$tmp/uninstall.log")"
[[ ! -e "$KREW_ROOT/bin/kubectl-detgw" && ! -e "$KREW_ROOT/store/detgw" ]] || fail "uninstall left files"
pass "krew install of kubectl-detgw v$version (manifest valid, sha256 matches), version --client, completion, plugin list, uninstall"
