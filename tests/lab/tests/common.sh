# shellcheck shell=bash
# Sourced by the lab smoke tests:  . "$(dirname "$0")/common.sh" RUNDIR
# Exit codes: 0 pass, 1 fail, 77 skip (CTest SKIP_RETURN_CODE).
set -euo pipefail
LAB_TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_SRC_DIR=$(dirname "$LAB_TESTS_DIR")
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
pass() { printf 'PASS: %s\n' "$*"; }
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }
# shellcheck source=../pins.sh
. "$LAB_SRC_DIR/pins.sh"

# Load a running lab's lab.env (not needed by tests that start their own lab).
lab_load() {
  local run=${1:-${DETGW_LAB_RUN_DIR:-}}
  [[ -n "$run" && -f "$run/lab.env" ]] || fail "no running lab at '$run' (run tests/lab/up first)"
  # shellcheck source=/dev/null
  . "$run/lab.env"
  export KUBECONFIG=$LAB_KUBECONFIG PATH=$LAB_BIN:$PATH
  [[ "$(command -v kubectl)" == "$LAB_BIN/kubectl" ]] || fail "kubectl is not the lab's"
}

# until_true SECONDS CMD...: retry CMD every 0.5s until it succeeds or time is up.
until_true() {
  local end=$(($(date +%s) + $1)); shift
  until "$@"; do
    [[ $(date +%s) -lt $end ]] || return 1
    sleep 0.5
  done
}
