#!/usr/bin/env bash
# Wall time and peak RSS of `helm multirm lint` on the shipped example and on generated values
# with 10 000 additional RMs, side by side with what a user runs instead: `helm template` of the
# chart's RM rendering (which catches only what fails to render), in the same run.
#   bench/lint.sh [RUNS]     (needs scripts/setup --lab for helm; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
lint=build/helm-multirm/helm-multirm
helm="$(tests/lab/build --print-bin)/helm3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/generate_values.py 10000 > "$work/values-10000.yaml"

# Median wall seconds and max RSS (MB) of RUNS runs of a command (its exit code is ignored:
# a lint with findings exits 1).
measure() {
  local times=() rss=0 wall kb
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r wall kb < <(tail -1 "$work/time")
    times+=("$wall")
    ((kb > rss)) && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s | %s MB' "$median" "$(awk -v k="$rss" 'BEGIN {printf "%.1f", k/1024}')"
}

echo "| input | command | median wall s | peak RSS |"
echo "|---|---|---|---|"
for input in examples/values-multicluster.yaml "$work/values-10000.yaml"; do
  name=$(basename "$input")
  echo "| $name | helm multirm lint | $(measure "$lint" lint -f "$input") |"
  [[ -x "$helm" ]] && echo "| $name | helm template (RM part only) | $(measure "$helm" template bench/chart -f "$input") |"
done
