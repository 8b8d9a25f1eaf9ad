#!/usr/bin/env bash
# The Helm plugin package as users get it: the dist target's .tgz served over loopback HTTP and
# installed with the lab's real helm 3 or helm 4 into temporary Helm homes; then
# `helm multirm ...` runs with its exit codes passed through, and completes through
# plugin.complete.
#   helm.sh DIST_DIR VERSION helm3|helm4
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
dist=$1 version=$2 helm_name=$3
package=$dist/helm-multirm_${version}_linux_amd64.tgz
[[ -f "$package" ]] || fail "no $package: build the dist target"
tmp=$(mktemp -d)
HTTP_PID=
cleanup() { [[ -n "$HTTP_PID" ]] && kill "$HTTP_PID" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
unset DETGW_PREBUILT_HELM_MULTIRM HELM_PLUGINS

# What the package holds: plugin.yaml at the root, only directories and regular files (Helm 3's
# extractor rejects anything else), executables executable.
listing=$(tar -tzf "$package")
expect_lines "$listing" plugin.yaml plugin.complete bin/ bin/helm-multirm scripts/ \
  scripts/install-helm-plugin LICENSE README.md
if grep -q '^\./' <<<"$listing"; then fail "package has ./ entries: $listing"; fi
if tar -tvzf "$package" | grep -qv '^[-d]'; then fail "package has entries other than files/dirs"; fi
for x in plugin.complete bin/helm-multirm scripts/install-helm-plugin; do
  tar -tvzf "$package" "$x" | grep -q '^-rwx' || fail "$x is not executable in the package"
done
[[ "$(tar -xzOf "$package" plugin.yaml | sed -n 's/^version: //p')" == "$version" ]] ||
  fail "plugin.yaml in the package is not version $version"

helm() { "$LAB_BIN/$helm_name" "$@"; }
export HELM_CONFIG_HOME=$tmp/config HELM_CACHE_HOME=$tmp/cache HELM_DATA_HOME=$tmp/data NO_COLOR=1
# Helm 4 installs an archive into $HELM_DATA_HOME/plugins whatever HELM_PLUGINS says (helm/helm#32646).
export HELM_PLUGINS=$tmp/data/plugins

serve_dir "$dist" "$tmp/http.log"
url=http://127.0.0.1:$HTTP_PORT/$(basename "$package")
verify=()
[[ "$helm_name" == helm4 ]] && verify=(--verify=false)  # no .prov: the package is not signed
helm plugin install "${verify[@]}" "$url" >"$tmp/install.out" 2>"$tmp/install.err" ||
  fail "helm plugin install $url failed: $(cat "$tmp/install.out" "$tmp/install.err")"
grep -q "Installed plugin: multirm" "$tmp/install.out" || fail "install output: $(cat "$tmp/install.out")"
grep -q "multirm: keeping " "$tmp/install.err" || fail "the install hook did not keep the packaged binary: $(cat "$tmp/install.err")"
helm plugin list | grep -qE "^multirm[[:space:]]+$version([[:space:]]|$)" || fail "plugin list: $(helm plugin list)"

out=$(helm multirm version) || fail "helm multirm version failed"
[[ "$out" == "helm-multirm $version" ]] || fail "helm multirm version printed: $out"

# Exit codes pass through helm: 0 clean, 1 findings, 2 usage, 3 unreadable input.
lint_rc() { local rc=0; helm multirm lint "$@" >"$tmp/lint.out" 2>"$tmp/lint.err" || rc=$?; echo "$rc"; }
[[ $(lint_rc -f "$SRC_DIR/examples/values-multicluster.yaml") == 0 ]] || fail "clean values: $(cat "$tmp/lint.out" "$tmp/lint.err")"
grep -q "no problems found" "$tmp/lint.out" || fail "clean lint output: $(cat "$tmp/lint.out")"
[[ $(lint_rc -f "$SRC_DIR/examples/values-mistakes.yaml") == 1 ]] || fail "mistakes did not exit 1"
grep -q MRM012 "$tmp/lint.out" || fail "mistakes output lacks MRM012: $(cat "$tmp/lint.out")"
[[ $(lint_rc -f "$SRC_DIR/examples/values-multicluster.yaml" -o nope) == 2 ]] || fail "a usage error did not exit 2"
[[ $(lint_rc -f /nonexistent/values.yaml) == 3 ]] || fail "unreadable input did not exit 3"

# Completion through helm: helm runs the package's plugin.complete.
out=$(helm __complete multirm "" 2>/dev/null)
expect_lines "$(candidates "$out")" lint version
out=$(helm __complete multirm lint -o "" 2>/dev/null)
expect_lines "$(candidates "$out")" text json yaml sarif junit github
out=$(helm __complete multirm lint --disable MRM01 2>/dev/null)
expect_lines "$(candidates "$out")" MRM010 MRM012 MRM017
if candidates "$out" | grep -qv '^MRM01'; then fail "--disable MRM01 offered other codes: $out"; fi

helm plugin uninstall multirm >/dev/null 2>&1 || fail "helm plugin uninstall failed"
if helm plugin list | grep -q '^multirm'; then fail "multirm still listed after uninstall"; fi
pass "$helm_name installs helm-multirm $version from $url; lint exit codes 0/1/2/3 through helm; completion"
