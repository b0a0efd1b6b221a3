#!/usr/bin/env bash
# Where a read's time goes: a stack profile of the query-app (async-profiler) and each process's CPU
# per request (/proc), for { __typename }, product(id) from the Redis cache, and product(id) through
# the gateway, each at 32 clients after a warm-up.
#
#   bench/profile.sh [seconds]      default 20 per scenario; BENCH_SKIP_BUILD=1 reuses the packages
#
# Writes, under bench/results/profiles/ (PROFILE_OUT): <scenario>.html (a flame graph) and summary.md
# (req/s, CPU per request, the share of samples per layer for each scenario from
# bench/profiler/hot.py, and the gateway's V8 profile summed by package by
# bench/profiler/cpuprofile.mjs). The raw stacks stay in bench/.work/profile.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [seconds]" >&2; exit 2; }
work=bench/.work/profile
out=${PROFILE_OUT:-bench/results/profiles}
run_id=profile-$(date +%s)
mkdir -p "$work" "$out"
log() { echo "profile: $*" >&2; }
source bench/lib/apps.sh

bench_build
export BENCH_NODE_MODULES=$PWD/bench/.work/node/node_modules
if [[ ! -d $BENCH_NODE_MODULES/autocannon ]]; then
  log "installing autocannon"
  mkdir -p bench/.work/node && echo '{"private": true}' >bench/.work/node/package.json
  npm install --prefix bench/.work/node --no-audit --no-fund --save-exact --loglevel=error \
    autocannon@8.0.0 graphql-ws@6.4.2 ws@8.18.3 graphql@16.11.0
fi
profiler=$work/async-profiler/linux-x64/libasyncProfiler.so
if [[ ! -f $profiler ]]; then
  log "fetching async-profiler"
  ./mvnw -B -q -f bench/profiler/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$work/async-profiler"
  (cd "$work/async-profiler" && unzip -q -o async-profiler-*.jar 'linux-x64/*')
fi

database=cqrs_shop_bench_profile
bench_open_shop "$database"
bench_start_both
gateway_port=$(free_port)
rm -rf "$work/gateway-cpu"
# The gateway serves nothing but the warm-up's and the gateway scenario's product(id), so its
# whole-life CPU profile, idle time aside, is theirs.
GATEWAY_PORT=$gateway_port GATEWAY_HOST=127.0.0.1 COMMAND_APP_URL=http://127.0.0.1:$command_port \
  QUERY_APP_URL=http://127.0.0.1:$query_port SUPERGRAPH=$PWD/$work/supergraph.graphql \
  GATEWAY_NODE_FLAGS="--cpu-prof --cpu-prof-dir=$PWD/$work/gateway-cpu" start gateway bash gateway/run.sh
bench_await_ready "$gateway_port" gateway /healthcheck
command_url=http://127.0.0.1:$command_port/graphql
query_url=http://127.0.0.1:$query_port/graphql
gateway_url=http://127.0.0.1:$gateway_port/graphql

log "seeding 20 products"
products=()
for i in $(seq 20); do
  products+=("$(graphql "$command_url" "mutation { createProduct(input: {sku: \"P-$run_id-$i\", name: \"Profile $i\","\
" description: \"profile\", price: {amountMinor: $((500 + i)), currency: \"EUR\"}, category: \"bench\","\
" stockQuantity: 1000}) { id } }" | json_field data.createProduct.id)")
done
fixture=$work/fixture.json
python3 -c 'import json,sys; json.dump({"products": sys.argv[2:]}, open(sys.argv[1], "w"))' "$fixture" "${products[@]}"
for id in "${products[@]}"; do
  until graphql "$query_url" "{ product(id: \"$id\") { id } }" | grep -q "$id"; do sleep 0.1; done
done

load() { # scenario url seconds
  node bench/load/scenarios.mjs "$1" --url "$2" --clients 32 --seconds "$3" --fixture "$fixture"
}
query_pid=$(pid_on "$query_port")
profile() { java bench/profiler/Attach.java "$query_pid" "$PWD/$profiler" "$1" >/dev/null; }
gateway_pid=$(pid_on "$gateway_port")
hz=$(getconf CLK_TCK)

log "warming up"
for _ in 1 2 3; do
  for scenario in "typename $query_url" "product $query_url" "product $gateway_url"; do
    load ${scenario% *} "${scenario#* }" 8 >/dev/null
  done
done

summary=$out/summary.md
{
  echo "# Read profiles ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) at start)"
  echo
  echo "\`bench/profile.sh $seconds\`: 32 clients, $seconds s per scenario after a warm-up. CPU per request is each"
  echo "process's utime + stime over the scenario (/proc), divided by the requests answered."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms | query-app CPU ms/request | gateway CPU ms/request |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
} >"$summary"
layers=$work/layers.md
: >"$layers"
for scenario in "typename direct $query_url" "product direct $query_url" "product gateway $gateway_url"; do
  read -r name via url <<<"$scenario"
  label=$name-$via
  log "profiling $label"
  profile "start,event=cpu,interval=1ms"
  query_before=$(cpu_ticks "$query_pid") gateway_before=$(cpu_ticks "$gateway_pid")
  line=$(load "$name" "$url" "$seconds")
  query_after=$(cpu_ticks "$query_pid") gateway_after=$(cpu_ticks "$gateway_pid")
  profile "stop,collapsed,file=$PWD/$work/$label.collapsed"
  profile "dump,file=$PWD/$out/$label.html"
  python3 - "$line" "$label" "$((query_after - query_before))" "$((gateway_after - gateway_before))" "$hz" "$via" >>"$summary" <<'PY'
import json, sys
line, label, query_ticks, gateway_ticks, hz, via = sys.argv[1:]
measured = json.loads(line)
requests = max(1, measured["requests"])
per_request = lambda ticks: 1000.0 * int(ticks) / int(hz) / requests
gateway = f"{per_request(gateway_ticks):.3f}" if via == "gateway" else "–"
print(f"| {label} | {measured['rps']:,.0f} | {measured['latency']['p50']} | {measured['latency']['p99']} |"
      f" {per_request(query_ticks):.3f} | {gateway} |")
PY
  if [[ -s $work/$label.collapsed ]]; then
    python3 bench/profiler/hot.py "$work/$label.collapsed" "$label" >>"$layers"
  fi
done
# The profile is written as the gateway exits.
kill -TERM "$gateway_pid"
for _ in $(seq 100); do kill -0 "$gateway_pid" 2>/dev/null || break; sleep 0.1; done
gateway_profile=$(ls "$work"/gateway-cpu/*.cpuprofile 2>/dev/null | head -1 || true)
if [[ -n $gateway_profile ]]; then
  node bench/profiler/cpuprofile.mjs "$gateway_profile" "gateway (Hive Gateway), product(id)" >>"$layers"
fi
{ echo; cat "$layers"; } >>"$summary"
cat "$summary"
