#!/usr/bin/env bash
# The CRD bundles taken from the Go module cache are byte-identical to the
# shared fixtures. Runs only when ../shared (next to the project root) exists.
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
fx=$(cd "$LAB_SRC_DIR/../../.." && pwd)/shared/fixtures/gateway-api
[[ -d "$fx" ]] || skip "no $fx"
root=$("$LAB_SRC_DIR/build" --print-bin); root=$(dirname "$root")
n=0
for v in $GWAPI_EXTRA; do
  for ch in standard experimental; do
    [[ -d "$fx/$v/$ch" ]] || fail "fixture $fx/$v/$ch missing"
    diff -r "$fx/$v/$ch" "$root/crds/$v-$ch" || fail "crds/$v-$ch differs from $fx/$v/$ch"
    n=$((n + 1))
  done
done
pass "$n bundles byte-identical to $fx"
