#!/usr/bin/env bash
# The benchmark harness: ceilings of this machine, then the shop's commands, projection lag,
# queries, rebuild and startup, each bounded in time and repeated; every figure is reported next
# to the ceiling measured in the same run (bench/README.md).
#
#   bench/run.sh            full run: BENCH_SECONDS (8) per scenario, BENCH_REPEATS (3) times,
#                           a rebuild of BENCH_REBUILD_EVENTS (100000) events, 5 starts per flavour
#   bench/run.sh --smoke    a few seconds per scenario, once: keeps the harness working in CI
#
# Writes bench/results/latest.json and, through bench/report/render.sh, summary.md and the charts
# (bench/results/ for a full run, bench/.work/smoke/ for a smoke run, which judges nothing).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
[[ ${1:-} == --smoke ]] && mode=smoke
if [[ $mode == smoke ]]; then
  seconds=${BENCH_SECONDS:-2} repeats=${BENCH_REPEATS:-1} rebuild_events=${BENCH_REBUILD_EVENTS:-2000}
  # Every scenario at a low and a high load is enough to show the harness works.
  history_orders=20 out=bench/.work/smoke clients=(1 32)
else
  seconds=${BENCH_SECONDS:-8} repeats=${BENCH_REPEATS:-3} rebuild_events=${BENCH_REBUILD_EVENTS:-100000}
  history_orders=200 out=bench/results clients=(1 16 32 64)
fi
work=bench/.work
raw=$work/raw.jsonl
run_id=$(date +%s)
load_at_start=$(cat /proc/loadavg)
mkdir -p "$work" "$out"
: >"$raw"
log() { echo "bench: $*" >&2; }
source bench/lib/apps.sh

bench_build
export BENCH_NODE_MODULES=$PWD/$work/node/node_modules
if [[ ! -d $BENCH_NODE_MODULES/autocannon ]]; then
  log "installing autocannon and graphql-ws"
  mkdir -p "$work/node" && echo '{"private": true}' >"$work/node/package.json"
  npm install --prefix "$work/node" --no-audit --no-fund --save-exact --loglevel=error \
    autocannon@8.0.0 graphql-ws@6.4.2 ws@8.18.3 graphql@16.11.0
fi

# --- A shop of the bench's own: its database, exchange, queue and key prefix (bench/lib/apps.sh) ---
database=cqrs_shop_bench
bench_open_shop "$database"
uncached_port=$(free_port)
bench_start_app query-app "$query_port" query-app
bench_await_ready "$query_port" query-app
bench_start_app command-app "$command_port" command-app
# The same read side without its Redis cache, for product(id) uncached; it shares the queue.
bench_start_app query-app-uncached "$uncached_port" query-app CACHE_ENABLED=false
bench_await_ready "$command_port" command-app
bench_await_ready "$uncached_port" query-app-uncached
# The one endpoint over the same apps (docs/federation.md), for the latency it adds.
gateway_port=$(free_port)
GATEWAY_PORT=$gateway_port GATEWAY_HOST=127.0.0.1 COMMAND_APP_URL=http://127.0.0.1:$command_port \
  QUERY_APP_URL=http://127.0.0.1:$query_port SUPERGRAPH=$PWD/$work/supergraph.graphql start gateway bash gateway/run.sh
bench_await_ready "$gateway_port" gateway /healthcheck
# A flight recording of both apps through the load rounds: where the time goes, for targets missed.
jfr_tool=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jfr
for app in command-app:$command_port query-app:$query_port; do
  jcmd "$(pid_on "${app#*:}")" JFR.start name=bench settings=default filename="$PWD/$work/${app%%:*}.jfr" >/dev/null
done
command_url=http://127.0.0.1:$command_port/graphql
query_url=http://127.0.0.1:$query_port/graphql
gateway_url=http://127.0.0.1:$gateway_port/graphql
uncached_url=http://127.0.0.1:$uncached_port/graphql

# --- Fixture: products, a hot one, a probe, and a customer with many orders ---
log "seeding products and $history_orders orders of one customer"
create_product() { # name price
  graphql "$command_url" "mutation { createProduct(input: {sku: \"B-$run_id-$1\", name: \"Bench $1\", description: \"benchmark\","\
" price: {amountMinor: $2, currency: \"EUR\"}, category: \"bench\", stockQuantity: 10000000}) { id } }" | json_field data.createProduct.id
}
products=()
for i in $(seq 20); do products+=("$(create_product "p$i" $((500 + i * 37)))"); done
hot=$(create_product hot 999)
probe=$(create_product probe 111)
history_customer=$(python3 -c 'import uuid; print(uuid.uuid4())')
for i in $(seq "$history_orders"); do
  graphql "$command_url" "mutation { createOrder(input: {customerId: \"$history_customer\", shippingAddress: {recipient: \"Bench\","\
" line1: \"1 Load Street\", postalCode: \"10115\", city: \"Berlin\", country: \"DE\"}, lines: [{productId: \"${products[$((i % 20))]}\","\
" quantity: 1}]}) { id } }" >/dev/null
done
fixture=$work/fixture.json
python3 - "$fixture" "$hot" "$probe" "$history_customer" "${products[@]}" <<'PY'
import json, sys
out, hot, probe, customer, *products = sys.argv[1:]
json.dump({"products": products, "hotProduct": hot, "probeProduct": probe, "historyCustomer": customer}, open(out, "w"))
PY
for _ in $(seq 300); do
  seen=$(graphql "$query_url" "{ orderHistory(customerId: \"$history_customer\", first: 1) { totalCount } }" | json_field data.orderHistory.totalCount)
  [[ $seen == "$history_orders" ]] && break
  sleep 0.2
done

record() { # id group title clients unit json-line [extra-json]
  python3 - "$@" >>"$raw" <<'PY'
import json, sys
id_, group, title, clients, unit, line = sys.argv[1:7]
extra = json.loads(sys.argv[7]) if len(sys.argv) > 7 else {}
measured = json.loads(line)
value = measured.get("value", measured.get("rps"))
print(json.dumps({"id": id_, "group": group, "title": title, "clients": int(clients), "unit": unit, "value": value,
                  "latency": measured.get("latency"), "errors": measured.get("errors", 0),
                  "extra": {**extra, **measured.get("extra", {})}}))
PY
}
load() { # scenario url clients [rate]
  node bench/load/scenarios.mjs "$1" --url "$2" --clients "$3" --seconds "$seconds" --fixture "$fixture" ${4:+--rate "$4"}
}
too_slow_closed() { # port: subscriptions the query-app ended as too slow, so far
  curl -fs "http://127.0.0.1:$1/q/metrics" | awk '$1 ~ /^cqrs_subscriptions_closed_total\{/ && $1 ~ /reason="too_slow"/ {sum += $2} END {print int(sum)}'
}
rss_mib() { # port
  echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$(pid_on "$1")/status") / 1024 ))
}
max_rss() { # port current-max
  local now
  now=$(rss_mib "$1")
  echo $(( now > $2 ? now : $2 ))
}
command_rss=0 query_rss=0
cpu_snapshot() { python3 bench/load/cpu.py snapshot "$(pid_on "$command_port")" \
  "$(pid_on "$query_port") $(pid_on "$uncached_port")" "$(pid_on "$mongo_port")"; }

# On two cores the JIT compilers take minutes of load before the apps run at their steady speed
# (C2 alone took 40 s of CPU over the first two minutes of addToCart). So the warm-up repeats a
# round of every kind of request until addToCart's rate stops climbing, and records how it climbed.
warm_seconds=$(( seconds < 4 ? seconds : 8 ))
max_warm_rounds=${BENCH_WARMUP_ROUNDS:-$([[ $mode == smoke ]] && echo 1 || echo 12)}
warm_rates=()
for round in $(seq "$max_warm_rounds"); do
  log "warming up, round $round (at most $max_warm_rounds)"
  for warm in "typename $query_url" "product $query_url" "product $uncached_url" "productsPage $query_url" \
      "orderHistory $query_url" "createOrder $command_url"; do
    node bench/load/scenarios.mjs ${warm% *} --url "${warm#* }" --clients 16 --seconds "$warm_seconds" \
      --fixture "$fixture" >/dev/null
  done
  warm_rates+=("$(node bench/load/scenarios.mjs addToCart --url "$command_url" --clients 16 --seconds "$warm_seconds" \
    --fixture "$fixture" | json_field rps | cut -d. -f1)")
  count=${#warm_rates[@]}
  # Steady once the last round gained less than 10% on the one before.
  if (( count >= 3 )) && (( warm_rates[count - 1] * 10 < warm_rates[count - 2] * 11 )); then break; fi
done
echo "{\"id\": \"warmup.addToCart\", \"group\": \"warmup\", \"title\": \"addToCart during warm-up, last round\", \"clients\": 16,"\
" \"unit\": \"req/s\", \"value\": ${warm_rates[-1]}, \"extra\": {\"secondsPerRound\": $warm_seconds,"\
" \"ratesByRound\": \"$(IFS=,; echo "${warm_rates[*]}" | sed 's/,/, /g')\"}}" >>"$raw"

for repeat in $(seq "$repeats"); do
  log "round $repeat of $repeats"
  for c in "${clients[@]}"; do
    record "ceiling.pgbench.c$c" ceiling "PostgreSQL single-row insert (pgbench)" "$c" tps \
      "$(bash bench/ceilings/pgbench.sh "$c" "$seconds" | python3 -c 'import json,sys; d=json.load(sys.stdin); d["value"]=d["tps"]; print(json.dumps(d))')"
    record "ceiling.rabbitmq.c$c" ceiling "RabbitMQ persistent publish with confirms (perf-test)" "$c" msg/s \
      "$(bash bench/ceilings/rabbit.sh "$c" "$seconds" | python3 -c 'import json,sys; d=json.load(sys.stdin); d["value"]=d["confirmedPerSecond"]; print(json.dumps(d))')"
    record "ceiling.typename.c$c" ceiling "Trivial GraphQL query { __typename } (query-app)" "$c" req/s \
      "$(load typename "$query_url" "$c")"
  done
  for c in "${clients[@]}"; do
    cpu_before=$(cpu_snapshot)
    line=$(load addToCart "$command_url" "$c")
    record "command.addToCart.c$c" command "addToCart" "$c" req/s "$line" \
      "$(python3 bench/load/cpu.py share "$cpu_before" "$(cpu_snapshot)")"
    command_rss=$(max_rss "$command_port" "$command_rss")
  done
  record command.createOrder.c32 command "createOrder, 3 lines" 32 req/s "$(load createOrder "$command_url" 32)"
  conflicts_before=$(metric "$command_port" cqrs_commands_conflicts_total)
  hot_line=$(load updateHotProduct "$command_url" 16)
  conflicts=$(( $(metric "$command_port" cqrs_commands_conflicts_total | cut -d. -f1) - ${conflicts_before%.*} ))
  requests=$(json_field requests <<<"$hot_line")
  record command.updateHotProduct.c16 command "updateProduct, one hot product" 16 req/s "$hot_line" \
    "{\"conflictsPerRequest\": $(python3 -c "print($conflicts / max(1, $requests))"), \"conflicts\": $conflicts}"

  # Half the measured addToCart maximum, as background, while a probe measures commit-to-visible.
  max_rps=$(python3 - "$raw" <<'PY'
import json, sys
print(max(json.loads(l)["value"] for l in open(sys.argv[1]) if json.loads(l)["id"].startswith("command.addToCart")))
PY
)
  rate=$(python3 -c "print(max(1, int($max_rps / 2)))")
  lag_line=$(node bench/load/lag.mjs --command "$command_url" --query "$query_url" --fixture "$fixture" \
    --seconds "$((seconds * 2))" --rate "$rate")
  python3 - "$lag_line" "$rate" "$repeat" >>"$raw" <<'PY'
import json, sys
lag, rate, repeat = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(json.dumps({"id": "lag.projection", "group": "lag", "title": f"Projection lag, commit to visible, at {rate} commands/s",
                  "clients": 16, "unit": "ms", "value": lag["lag"]["p50"], "latency": lag["lag"], "errors": lag["failedProbes"],
                  "extra": {"samples": lag["samples"], "backgroundRps": lag["backgroundRps"], "targetRate": rate},
                  "series": lag["series"] if repeat == 1 else None}))
PY

  record query.product.cached.c32 query "product(id), Redis cache" 32 req/s "$(load product "$query_url" 32)"
  query_rss=$(max_rss "$query_port" "$query_rss")
  record query.product.uncached.c32 query "product(id), no cache" 32 req/s "$(load product "$uncached_url" 32)"
  record query.productsPage.c32 query "products: filter, sort, page of 20" 32 req/s "$(load productsPage "$query_url" 32)"
  record query.orderHistory.c32 query "orderHistory, customer with $history_orders orders" 32 req/s "$(load orderHistory "$query_url" 32)"
  query_rss=$(max_rss "$query_port" "$query_rss")
  # Direct and through the gateway back to back, so that both meet the same machine.
  for scenario in product:$query_url productsPage:$query_url orderHistory:$query_url addToCart:$command_url; do
    name=${scenario%%:*} direct=${scenario#*:}
    record "gateway.$name.direct.c16" gateway "$name, direct" 16 req/s "$(load "$name" "$direct" 16)"
    record "gateway.$name.gateway.c16" gateway "$name, through the gateway" 16 req/s "$(load "$name" "$gateway_url" 16)"
  done
  # One healthy subscriber to every product beside 20 others that read, then 20 that stop reading:
  # what a stuck client costs the rest (delivered/s to the healthy one, and its lag).
  for others in reading stuck; do
    too_slow_before=$(too_slow_closed "$query_port")
    line=$(node bench/load/subscribers.mjs --command "$command_url" --query "$query_url" --fixture "$fixture" \
      --seconds "$seconds" --mode "$others")
    record "subscribers.$others.c16" subscribers "Notices to a healthy subscriber, 20 others $others" 16 notices/s "$line" \
      "{\"stuckEndedAsTooSlow\": $(( $(too_slow_closed "$query_port") - too_slow_before ))}"
  done
done
for app in command-app:$command_port query-app:$query_port; do
  jcmd "$(pid_on "${app#*:}")" JFR.stop name=bench >/dev/null
  if [[ -x $jfr_tool ]]; then
    "$jfr_tool" view --width 160 hot-methods "$work/${app%%:*}.jfr" | head -40 >"$out/profile-${app%%:*}.txt" || true
  fi
done
echo "{\"id\": \"rss.command-app\", \"group\": \"rss\", \"title\": \"command-app RSS, highest under load\", \"clients\": ${clients[-1]}, \"unit\": \"MiB\", \"value\": $command_rss}" >>"$raw"
echo "{\"id\": \"rss.query-app\", \"group\": \"rss\", \"title\": \"query-app RSS, highest under load\", \"clients\": 32, \"unit\": \"MiB\", \"value\": $query_rss}" >>"$raw"

# --- Rebuild: extra events written straight into the store, past the relay, then replayed ---
log "seeding $rebuild_events events for the rebuild"
per_product=$(( (rebuild_events + ${#products[@]} - 1) / ${#products[@]} ))
bench_psql -d "$database" -v per="$per_product" >/dev/null <<'SQL'
BEGIN;
INSERT INTO events (stream_id, stream_type, stream_version, event_id, event_type, schema_version, payload,
                    occurred_at, correlation_id, causation_id)
SELECT p.stream_id, 'product', p.version + g, gen_random_uuid(), 'ProductStockAdjusted', 1,
       jsonb_build_object('productId', p.stream_id::text, 'delta', 1, 'stockAfter', 20000000 + g, 'reason', 'bench seed'),
       now(), gen_random_uuid(), gen_random_uuid()
FROM (SELECT stream_id, max(stream_version) AS version FROM events
      WHERE stream_type = 'product' AND payload->>'productId' IS NOT NULL GROUP BY stream_id
      ORDER BY stream_id LIMIT 20) p,
     generate_series(1, :per) g;
-- The relay is not to publish these: the rebuild reads them from the store, as after a restore.
UPDATE relay_checkpoints SET last_transaction_id = pg_current_xact_id(),
       last_position = (SELECT max(global_position) FROM events);
COMMIT;
SQL
stored=$(bench_psql -At -d "$database" -c "SELECT count(*) FROM events")
for repeat in $(seq "$repeats"); do
  graphql "$query_url" "mutation { rebuildReadModel { state } }" >/dev/null
  # The query-app answers slowly while it replays; a poll that times out is simply made again.
  state=RUNNING
  for _ in $(seq 1200); do
    sleep 1
    status=$(curl -s -m 120 -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' \
      --data '{"query": "{ readModelStatus { rebuild { state eventsApplied eventsPerSecond error } } }"}' "$query_url" || true)
    [[ $status == *'"state"'* ]] || continue
    state=$(json_field data.readModelStatus.rebuild.state <<<"$status")
    [[ $state == RUNNING ]] || break
  done
  [[ $state == SUCCEEDED ]] || { echo "bench: rebuild ended $state: $status" >&2; exit 1; }
  eps=$(json_field data.readModelStatus.rebuild.eventsPerSecond <<<"$status")
  echo "{\"id\": \"rebuild.events\", \"group\": \"rebuild\", \"title\": \"Rebuild of $stored events into fresh collections\", \"clients\": 1, \"unit\": \"events/s\", \"value\": $eps}" >>"$raw"
done

# --- Startup of each JVM flavour (bench/startup.sh builds the flavours it needs) ---
if [[ $mode == smoke ]]; then
  STARTUP_FLAVOURS=jvm17 STARTUP_SKIP_BUILD=1 STARTUP_OUT=$work/smoke bash bench/startup.sh 1 >/dev/null
  startup_json=$work/smoke/startup.json
else
  bash bench/startup.sh 5 >/dev/null
  startup_json=bench/results/startup.json
fi
python3 - "$startup_json" >>"$raw" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(json.dumps({"id": f"startup.{r['flavour']}.{r['app']}", "group": "startup",
                      "title": f"Startup to first GraphQL answer, {r['flavour']}, {r['app']}", "clients": 1, "unit": "ms",
                      "value": r["startup_ms"]["median"], "extra": {"rssMiB": r["rss_mib_after_first_answer"],
                      "min": r["startup_ms"]["min"], "max": r["startup_ms"]["max"]}}))
PY

node bench/load/results.mjs "$raw" "$mode" "$repeats" "$load_at_start" "$(cat /proc/loadavg)" "bench/run.sh${1:+ $1}" \
  >"$out/latest.json"
bash bench/report/render.sh "$out/latest.json" "$out"
log "done: $out/summary.md"
