# shellcheck shell=bash
# Shared helpers for tests/lab/{build,env,up,down}. Source, do not execute.
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=pins.sh
. "$LAB_DIR/pins.sh"
LAB_GO=${DETGW_LAB_GO:-$(command -v go || echo /usr/local/go/bin/go)}
LAB_CACHE=${DETGW_LAB_CACHE:-$HOME/.cache/detgw-lab}

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

# Key = hash of the pin assignments in pins.sh (comments do not count) and the
# Go toolchain version.
lab_key() {
  { sed -n 's/[[:space:]]*#.*//; /^[A-Z0-9_]*=/p' "$LAB_DIR/pins.sh"; "$LAB_GO" version; } |
    sha256sum | cut -c1-16
}
lab_root() { printf '%s/%s\n' "$LAB_CACHE" "$(lab_key)"; }
lab_bin() { printf '%s/bin\n' "$(lab_root)"; }

# Hash of detsim's sources (the detsim binary is rebuilt when they change).
detsim_hash() {
  (cd "$LAB_DIR/detsim" && find . -type f \( -name '*.go' ! -name '*_test.go' -o -name go.mod -o -name go.sum \) \
    -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

# Go environment: everything (modules, build cache, GOPATH) under the lab cache.
lab_goenv() {
  export GOMODCACHE="$LAB_CACHE/go/mod" GOCACHE="$LAB_CACHE/go/build" GOPATH="$LAB_CACHE/go/path"
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -p=2" GOWORK=off
}
# Port claims shared by all labs of this user on the machine (see up).
# shellcheck disable=SC2034  # used by up and down
LAB_PORT_LOCKS=${TMPDIR:-/tmp}/detgw-lab-ports-$(id -u)
