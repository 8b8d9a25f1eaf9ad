#!/usr/bin/env bash
# detsim's Go unit tests (port picking, flag parsing); needs no running lab.
set -euo pipefail
# shellcheck source=../lib.sh
. "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
[[ -x "$LAB_GO" ]] || { echo "SKIP: no go"; exit 77; }
lab_goenv
cd "$LAB_DIR/detsim"
GOFLAGS="-mod=readonly -p=2 -buildvcs=false" "$LAB_GO" test -count=1 ./...
