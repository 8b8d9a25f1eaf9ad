#!/usr/bin/env bash
# Wall time, peak RSS and API requests of `kubectl detgw status -o json` at 8, 60 and 200
# listeners, side by side with what an administrator runs today: three `kubectl get -o json`
# (the Gateway, every TCPRoute, every determined Service) joined with jq, in the same run, on a
# one-cluster lab whose listener cap is raised to 213 (the most Kubernetes 1.34 accepts).
#   bench/status.sh [RUNS]    (needs scripts/setup --lab; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
detgw=$PWD/build/kubectl-detgw/kubectl-detgw
bin=$(tests/lab/build --print-bin)
export PATH=$bin:$PATH
work=$(mktemp -d)
lab=$work/lab
trap 'tests/lab/down --dir "$lab" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
tests/lab/up --clusters 1 --dir "$lab" >/dev/null
export KUBECONFIG=$lab/kubeconfig
"$detgw" capacity --set-max-listeners 213 --yes >/dev/null

# The administrator's join: owner from the port annotation, the route whose parentRef names the
# listener, its backend.
cat >"$work/by-hand.sh" <<'EOF'
set -euo pipefail
d=$(mktemp -d)
kubectl get gateway -n projectcontour contour -o json >"$d/gw.json"
kubectl get tcproutes -A -o json >"$d/routes.json"
kubectl get services -A -l determined -o json >"$d/services.json"
jq -n --slurpfile gw "$d/gw.json" --slurpfile r "$d/routes.json" --slurpfile s "$d/services.json" '
  ($gw[0].metadata.annotations // {}) as $a
  | [$s[0].items[] | .metadata.namespace + "/" + .metadata.name] as $svcs
  | [$gw[0].spec.listeners[] as $l
     | ([$r[0].items[] | select(any(.spec.parentRefs[]; .sectionName == $l.name))] | first) as $route
     | {port: $l.port, name: $l.name,
        owner: ($a["determined.ai/det-gateway-port-\($l.port)"] // "foreign"),
        route: ($route.metadata.name // null),
        backend: ($route.spec.rules[0].backendRefs[0].name // null),
        backendExists: (if $route then ($route.metadata.namespace + "/" + $route.spec.rules[0].backendRefs[0].name) as $b | ($svcs | index($b)) != null else null end)}]'
rm -rf "$d"
EOF

# Median wall seconds and max RSS (MB) of RUNS runs of a command.
measure() {
  local times=() rss=0 wall kb
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1
    read -r wall kb < <(tail -1 "$work/time")
    times+=("$wall")
    ((kb > rss)) && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s | %s MB' "$median" "$(awk -v k="$rss" 'BEGIN {printf "%.1f", k/1024}')"
}

requests() {
  local before after
  before=$(grep -c "\"userAgent\":\"$2" "$lab/audit/lab1.log" || true)
  "${@:3}" >/dev/null 2>&1
  sleep 2  # the audit log is written asynchronously
  after=$(grep -c "\"userAgent\":\"$2" "$lab/audit/lab1.log" || true)
  echo $((after - before))
}

echo "| listeners | command | median wall s | peak RSS (max of the processes) | API requests |"
echo "|---|---|---|---|---|"
have=1
for n in 8 60 200; do
  detsim alloc --gateway projectcontour/contour --range 40000-40999 --ports $((n - have)) \
    --namespace default --kubeconfig "$KUBECONFIG" --context lab1-admin >/dev/null
  have=$n
  echo "| $n | \`kubectl detgw status -o json\` | $(measure "$detgw" status --gateway projectcontour/contour -o json) | $(requests x kubectl-detgw "$detgw" status --gateway projectcontour/contour -o json) |"
  echo "| $n | 3 × \`kubectl get -o json\` + \`jq\` | $(measure bash "$work/by-hand.sh") | $(requests x kubectl/ bash "$work/by-hand.sh") |"
done
