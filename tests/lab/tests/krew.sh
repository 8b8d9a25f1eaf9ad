#!/usr/bin/env bash
# Offline krew install of a tiny plugin from a local manifest + archive, then
# `kubectl labhello` runs through the real kubectl plugin mechanism.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"; lab_load "${1:-}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export KREW_ROOT=$tmp/krew KREW_NO_UPGRADE_CHECK=1 PATH=$tmp/krew/bin:$PATH
mkdir -p "$KREW_ROOT/index/default/.git" "$KREW_ROOT/index/default/plugins"  # no index clone
td=$LAB_SRC_DIR/testdata/krew
tar -C "$td" -czf "$tmp/labhello.tar.gz" kubectl-labhello LICENSE
sed "s/@SHA@/$(sha256sum "$tmp/labhello.tar.gz" | cut -d' ' -f1)/" "$td/labhello.yaml.in" >"$tmp/labhello.yaml"
kv=$(kubectl krew version 2>&1 | awk '$1=="GitTag"{print $2}')
[[ "$kv" == "$KREW" ]] || fail "krew version '$kv', want $KREW"
kubectl krew install --manifest="$tmp/labhello.yaml" --archive="$tmp/labhello.tar.gz" >"$tmp/install.log" 2>&1 ||
  fail "krew install failed: $(cat "$tmp/install.log")"
kubectl krew list | grep -qxE "(detached/)?labhello" || fail "krew list does not show labhello: $(kubectl krew list)"
[[ -x "$KREW_ROOT/bin/kubectl-labhello" ]] || fail "no $KREW_ROOT/bin/kubectl-labhello"
out=$(kubectl labhello one two) || fail "kubectl labhello failed: $out"
grep -qx 'labhello: args=one two' <<<"$out" || fail "plugin output: $out"
grep -qx 'gateway.gateway.networking.k8s.io/contour' <<<"$out" || fail "plugin could not reach the lab: $out"
# Read whole before matching: `grep -q` stops reading at the first match and kubectl then dies of
# SIGPIPE (pipefail); kubectl also exits 1 on a warning about any other plugin on PATH.
plugins=$(kubectl plugin list 2>&1) || true
grep -qF "$KREW_ROOT/bin/kubectl-labhello" <<<"$plugins" || fail "kubectl plugin list misses it: $plugins"
kubectl krew uninstall labhello >/dev/null 2>&1
[[ ! -e "$KREW_ROOT/bin/kubectl-labhello" ]] || fail "uninstall left the plugin"
pass "krew $kv offline install, kubectl labhello, uninstall"
