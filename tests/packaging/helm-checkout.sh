#!/usr/bin/env bash
# A user's install from the repository: `helm plugin install <checkout>` with no binary built
# beforehand. The install hook configures and builds helm-multirm (Release) inside the plugin
# directory; Helm 3 does the build, then Helm 4 installs the same checkout and keeps that binary.
#   helm-checkout.sh SOURCE_DIR VERSION
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
src=$1 version=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
unset DETGW_PREBUILT_HELM_MULTIRM HELM_PLUGINS

git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1 || skip "$src is not a git checkout"
# A clean checkout: the files git knows (tracked, or new and not ignored) as they are in the
# working tree; no build directory, no binary.
checkout=$tmp/checkout/multirm
mkdir -p "$checkout"
git -C "$src" ls-files -z --cached --others --exclude-standard |
  (cd "$src" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
  tar -C "$src" --null -T - -cf - | tar -C "$checkout" -xf -
[[ -f "$checkout/plugin.yaml" && ! -e "$checkout/bin" && ! -e "$checkout/build" ]] ||
  fail "the checkout copy is not clean"

for helm_name in helm3 helm4; do
  home=$tmp/$helm_name
  helm() {
    HELM_CONFIG_HOME=$home/config HELM_CACHE_HOME=$home/cache HELM_DATA_HOME=$home/data \
      HELM_PLUGINS=$home/data/plugins NO_COLOR=1 "$LAB_BIN/$helm_name" "$@"
  }
  helm plugin install "$checkout" >"$tmp/install.out" 2>"$tmp/install.err" ||
    fail "$helm_name plugin install of the checkout failed: $(tail -30 "$tmp/install.err")"
  grep -q "Installed plugin: multirm" "$tmp/install.out" || fail "install output: $(cat "$tmp/install.out")"
  if [[ "$helm_name" == helm3 ]]; then
    grep -q "multirm: built " "$tmp/install.err" || fail "the hook did not build: $(tail -30 "$tmp/install.err")"
  else
    grep -q "multirm: keeping " "$tmp/install.err" || fail "the hook did not keep the built binary: $(cat "$tmp/install.err")"
  fi
  [[ -x "$checkout/bin/helm-multirm" ]] || fail "no $checkout/bin/helm-multirm after $helm_name install"

  out=$(helm multirm version) || fail "$helm_name multirm version failed"
  [[ "$out" == "helm-multirm $version" ]] || fail "$helm_name multirm version printed: $out"
  rc=0; helm multirm lint -f "$src/examples/values-multicluster.yaml" >/dev/null 2>&1 || rc=$?
  [[ $rc == 0 ]] || fail "$helm_name: clean values exited $rc"
  rc=0; helm multirm lint -f "$src/examples/values-mistakes.yaml" >/dev/null 2>&1 || rc=$?
  [[ $rc == 1 ]] || fail "$helm_name: mistakes exited $rc, want 1"
  # (not --color: Helm 4 has a global --color and completes it itself)
  out=$(helm __complete multirm lint --input-format "" 2>/dev/null)
  expect_lines "$(candidates "$out")" auto values master devcluster
done
pass "helm plugin install of a clean checkout: the hook built helm-multirm $version (helm3), helm4 kept it; lint and completion through both"
