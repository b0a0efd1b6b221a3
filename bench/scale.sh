#!/usr/bin/env bash
# Projection capacity against query-app replicas, with MongoDB a fixed delay away.
#
#   bench/scale.sh [events] [rounds]      defaults 20000 and 3; BENCH_SKIP_BUILD=1 reuses the packages
#
# One shop of its own (bench/lib/apps.sh: database cqrs_shop_bench_scale, exchange, queue and Redis
# keys named after the run), a command-app, 50 products and one MongoDB stand-in, which every
# query-app reaches through test-support's TcpProxy: what a query-app sends MongoDB arrives
# SCALE_DELAY_MS (10) later, so every round trip to MongoDB takes that much longer. For each count
# in SCALE_REPLICAS (1 2 4), that many query-apps share the partitions; once every partition has
# its one active consumer and no replica holds more than its fair share, each round works off a
# backlog as bench/projection.sh does (all replicas stopped, `events` ProductStockAdjusted events
# written straight into the store, queued by the relay, all continued, timed until the replicas'
# cqrs_projection_events_total together grew by `events`), with the CPU of all replicas from /proc.
# After the rounds, CheckReadModel compares every view with the fold of its stream: a view that
# differs is an order violation. Then the replicas stop and the next count starts.
#
# Writes bench/results/scale.json, scale.md and scale-vs-replicas.png; SCALE_OUT names another folder.
# At the end the run's processes, broker objects, Redis keys and database are gone.
set -euo pipefail
cd "$(dirname "$0")/.."

events=${1:-20000} rounds=${2:-3}
[[ $events =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [events] [rounds]" >&2; exit 2; }
delay_ms=${SCALE_DELAY_MS:-10}
read -r -a replica_counts <<<"${SCALE_REPLICAS:-1 2 4}"
products=50
work=bench/.work/scale
out=${SCALE_OUT:-bench/results}
raw=$work/raw.jsonl
run_id=scale-$(date +%s)
load_at_start=$(cat /proc/loadavg)
mkdir -p "$work" "$out"
: >"$raw"
log() { echo "scale: $*" >&2; }
source bench/lib/apps.sh

# The apps as bench_build packages them, and besides them the proxy (test-support) and the
# checker (system-tests' test classes), which run from the local repository's jars.
bash scripts/services.sh >/dev/null
if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  log "packaging the apps, the proxy and the checker"
  ./mvnw -B -q install -DskipTests -pl command-app,query-app,mongo-stand-in,test-support,system-tests -am
fi
[[ -f system-tests/target/test.classpath && ${BENCH_SKIP_BUILD:-} == 1 ]] ||
  ./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -pl system-tests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
checker_classpath=system-tests/target/test-classes:$(<system-tests/target/test.classpath)
proxy_jar=$(ls test-support/target/test-support-*.jar | head -1)

database=cqrs_shop_bench_scale
bench_open_shop "$database"
# bench_cleanup first: the apps must be gone before their database can be dropped.
trap 'bench_cleanup; bench_psql -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null || true' EXIT
mongo_pid=$(pid_on "$mongo_port")
direct_mongo_uri=$MONGODB_URI
proxy_port=$(free_port)
start mongo-proxy java -cp "$proxy_jar" org.cqrsshop.testing.TcpProxy "$proxy_port" "127.0.0.1:$mongo_port" "$delay_ms"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null && break; sleep 0.1; done
proxy_pid=$(pid_on "$proxy_port")
export MONGODB_URI=mongodb://127.0.0.1:$proxy_port
bench_start_app command-app "$command_port" command-app
bench_await_ready "$command_port" command-app
command_url=http://127.0.0.1:$command_port/graphql
partitions=8

replica_ports=() replica_pids=()
# Across every running replica: events settled (applied, repaired, duplicate), or one outcome's.
sum_metric() { # awk condition on the metric line
  local port total=0 n
  for port in "${replica_ports[@]}"; do
    n=$(curl -fs -m 10 "http://127.0.0.1:$port/q/metrics" | awk "\$1 ~ /^cqrs_projection_events_total\\{/ && $1 {sum += \$2} END {printf \"%d\", sum}")
    total=$(( total + n ))
  done
  echo "$total"
}
projected() { sum_metric '$1 ~ /outcome="(applied|repaired|duplicate)"/'; }
outcome() { sum_metric "index(\$1, \"outcome=\\\"$1\\\"\")"; }
held() { # port: partitions that replica holds
  curl -fs -m 10 "http://127.0.0.1:$1/q/metrics" | awk '$1 ~ /^cqrs_projection_partitions_held/ {printf "%d", $2}'
}
# Partitions of the run whose queue has an active consumer, in the broker's own view.
partitions_consumed() {
  rabbitmqctl -q list_consumers --no-table-headers queue_name active | awk -v q="$PROJECTION_QUEUE.p" \
    'index($1, q) == 1 && $2 == "true" {seen[$1] = 1} END {printf "%d\n", length(seen)}'
}
replicas_cpu_ticks() { local pid total=0; for pid in "${replica_pids[@]}"; do total=$(( total + $(cpu_ticks "$pid") )); done; echo "$total"; }
ticks_per_second=$(getconf CLK_TCK)
all_settled() { (( $(projected) >= $1 )); }
append_backlog() { bench_append_backlog "$database" "$products" "$1" "bench scale"; } # count
# A replica knows it holds a partition from the partition's first delivery, and only then gives
# up what is beyond its share (ceil(partitions / replicas), every 5 s): so events go through until
# the replicas hold all partitions between them, none more than its share.
balanced() {
  local share=$(( (partitions + ${#replica_ports[@]} - 1) / ${#replica_ports[@]} )) port h total=0
  for port in "${replica_ports[@]}"; do
    h=$(held "$port")
    (( h <= share )) || return 1
    total=$(( total + h ))
  done
  (( total == partitions && $(partitions_consumed) == partitions ))
}
balance() {
  local attempt
  for attempt in $(seq 30); do
    local before
    before=$(projected)
    append_backlog "$products"
    wait_until 120 "the replicas to project the balancing events" all_settled $(( before + products ))
    balanced && return
    sleep 2
  done
  log "the partitions did not settle into fair shares"
  exit 1
}
checks=$work/checks.txt
: >"$checks"

log "creating $products products"
first=1
for replicas in "${replica_counts[@]}"; do
  replica_ports=() replica_pids=()
  for i in $(seq "$replicas"); do
    port=$(free_port)
    bench_start_app "query-app-$replicas-$i" "$port" query-app
    replica_ports+=("$port")
  done
  for i in $(seq "$replicas"); do
    bench_await_ready "${replica_ports[i - 1]}" "query-app-$replicas-$i"
    replica_pids+=("$(pid_on "${replica_ports[i - 1]}")")
  done
  if (( first )); then
    for i in $(seq "$products"); do
      graphql "$command_url" "mutation { createProduct(input: {sku: \"P-$run_id-$i\", name: \"Scale $i\","\
" description: \"benchmark\", price: {amountMinor: $((500 + i)), currency: \"EUR\"}, category: \"bench\","\
" stockQuantity: 10000000}) { id } }" >/dev/null
    done
    wait_until 120 "the products to be projected" all_settled "$products"
    first=0
  fi
  balance
  log "$replicas replica(s) hold the $partitions partitions: $(for p in "${replica_ports[@]}"; do printf '%s ' "$(held "$p")"; done)"

  for round in $(seq "$rounds"); do
    before=$(projected) dead_before=$(outcome dead_lettered) repaired_before=$(outcome repaired) \
      duplicate_before=$(outcome duplicate)
    for pid in "${replica_pids[@]}"; do kill -STOP "$pid"; done
    stopped_ms=$(now_ms)
    append_backlog "$events"
    all_queued() { (( $(queued) >= events )); }
    wait_until 600 "the relay to queue $events events" all_queued
    queued_ms=$(now_ms)
    # RabbitMQ drops a connection that misses heartbeats for about a minute: a longer stop would
    # make the replicas reconnect, and their redeliveries would be in the figure.
    (( queued_ms - stopped_ms < 50000 )) || log "round $round: stopped $(( (queued_ms - stopped_ms) / 1000 )) s, near the heartbeat timeout"
    cpu_before=$(replicas_cpu_ticks) mongo_before=$(cpu_ticks "$mongo_pid") proxy_before=$(cpu_ticks "$proxy_pid")
    started_ms=$(now_ms)
    for pid in "${replica_pids[@]}"; do kill -CONT "$pid"; done
    wait_until 1800 "the replicas to project $events events" all_settled $(( before + events ))
    finished_ms=$(now_ms)
    cpu_after=$(replicas_cpu_ticks) mongo_after=$(cpu_ticks "$mongo_pid") proxy_after=$(cpu_ticks "$proxy_pid")
    python3 - "$replicas" "$delay_ms" "$events" "$round" $(( finished_ms - started_ms )) $(( cpu_after - cpu_before )) \
      $(( mongo_after - mongo_before )) $(( proxy_after - proxy_before )) "$ticks_per_second" \
      $(( queued_ms - stopped_ms )) $(( $(outcome dead_lettered) - dead_before )) \
      $(( $(outcome repaired) - repaired_before )) $(( $(outcome duplicate) - duplicate_before )) >>"$raw" <<'PY'
import json, sys
replicas, delay, events, round_, drain_ms, ticks, mongo_ticks, proxy_ticks, hz, queue_ms, dead, repaired, duplicate = map(int, sys.argv[1:])
cpu_ms = ticks * 1000 / hz
rate = events * 1000 / max(1, drain_ms)
print(json.dumps({"id": f"scale.drain.r{replicas}", "group": "scale", "clients": replicas, "unit": "events/s",
                  "title": f"Backlog of {events} events drained by {replicas} query-app(s), MongoDB {delay} ms away",
                  "value": round(rate, 1), "extra": {"drainSeconds": drain_ms / 1000, "stopAndQueueSeconds": queue_ms / 1000,
                  "repaired": repaired, "duplicates": duplicate, "deadLettered": dead}}))
print(json.dumps({"id": f"scale.cpuPerEvent.r{replicas}", "group": "scale", "clients": replicas, "unit": "ms/event",
                  "title": f"CPU per event, {replicas} query-app(s) summed", "value": round(cpu_ms / events, 4),
                  "extra": {"queryAppsCpuSeconds": cpu_ms / 1000, "cpuShareOfTwoCores": round(cpu_ms / max(1, drain_ms) / 2, 3),
                            "mongoStandInMsPerEvent": round(mongo_ticks * 1000 / hz / events, 4),
                            "proxyMsPerEvent": round(proxy_ticks * 1000 / hz / events, 4)}}))
print(f"{replicas} replica(s), round {round_}: {rate:.0f} events/s, {cpu_ms / events:.3f} ms query-app CPU per event,"
      f" stand-in {mongo_ticks * 1000 / hz / events:.3f}, proxy {proxy_ticks * 1000 / hz / events:.3f}"
      f" ({repaired} repaired, {duplicate} duplicates, {dead} dead-lettered)", file=sys.stderr)
PY
  done

  # Every view against the fold of its stream, read straight from the store and the stand-in.
  set +e
  java -cp "$checker_classpath" org.cqrsshop.systemtest.convergence.CheckReadModel \
    "$database" "$direct_mongo_uri" "$MONGODB_DATABASE" >"$work/check-$replicas.txt" 2>"$work/check-$replicas.err"
  checked=$?
  set -e
  head -1 "$work/check-$replicas.txt" >&2
  violations=$(awk 'NR == 1 && /^checked/ {print $4}' "$work/check-$replicas.txt")
  (( checked <= 1 )) && [[ -n $violations ]] || { log "the checker failed ($checked); see $work/check-$replicas.err"; exit 1; }
  echo "{\"id\": \"scale.orderViolations.r$replicas\", \"group\": \"scale\", \"clients\": $replicas, \"unit\": \"views\","\
"\"title\": \"Views that differ from the fold of their stream after $replicas query-app(s)\", \"value\": $violations,"\
"\"extra\": {\"viewsChecked\": $(awk 'NR == 1 {print $2}' "$work/check-$replicas.txt")}}" >>"$raw"

  for pid in "${replica_pids[@]}"; do kill "$pid"; done
  for pid in "${replica_pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
done

node bench/load/results.mjs "$raw" scale "$rounds" "$load_at_start" "$(cat /proc/loadavg)" \
  "SCALE_DELAY_MS=$delay_ms bench/scale.sh $events $rounds" >"$work/folded.json"
python3 - "$work/folded.json" "$delay_ms" >"$out/scale.json" 2>"$out/scale.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
delay = int(sys.argv[2])
m = {x["id"]: x for x in r["measures"]}
counts = sorted(x["clients"] for x in r["measures"] if x["id"].startswith("scale.drain.r"))
one = m["scale.drain.r1"]["median"] if "scale.drain.r1" in m else None
rows, speedups = [], {}
for n in counts:
    d, c, v = m[f"scale.drain.r{n}"], m[f"scale.cpuPerEvent.r{n}"], m[f"scale.orderViolations.r{n}"]
    speedups[n] = d["median"] / one if one else None
    rows.append(f"| {n} | {d['median']:,.0f} [{d['min']:,.0f}–{d['max']:,.0f}] | {speedups[n]:.2f}× |"
                f" {c['median']:.3f} [{c['min']:.3f}–{c['max']:.3f}] | {c['extra']['mongoStandInMsPerEvent']:.3f} |"
                f" {c['extra']['proxyMsPerEvent']:.3f} | {c['extra']['cpuShareOfTwoCores'] * 100:.0f} % |"
                f" {d['extra']['repaired']:.0f} / {d['extra']['duplicates']:.0f} | {v['median']:.0f} of {v['extra']['viewsChecked']:.0f} |")
targets = []
if 4 in speedups and speedups[4] is not None:
    targets.append({"measure": "Projection throughput, 4 replicas over 1", "target": ">= 3x", "value": round(speedups[4], 2),
                    "reference": 3, "ratio": round(speedups[4] / 3, 3), "met": speedups[4] >= 3})
violations = sum(m[f"scale.orderViolations.r{n}"]["max"] for n in counts)
targets.append({"measure": "Order violations (views unequal to their stream's fold)", "target": "= 0", "value": violations,
                "reference": 0, "met": violations == 0})
r["targets"] = targets
r["run"]["mongoDelayMs"] = delay
print(json.dumps(r, indent=2))
machine = r["run"]["machine"]
out = [f"Projection throughput against query-app replicas, every MongoDB round trip {delay} ms longer (TcpProxy),"
       f" {r['run']['repeats']} rounds per count on {machine['cpus']} CPUs (load {machine['loadAverageAtStart'][0]} at start,"
       f" {machine['loadAverageAtEnd'][0]} at end). Median [min–max] over the rounds; CPU from /proc over the drain.",
       "",
       "| Replicas | Events/s | Speed-up over 1 | query-apps CPU ms/event (summed) | stand-in ms/event | proxy ms/event |"
       " query-apps' share of 2 cores | repaired / duplicates | Order violations |",
       "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", *rows, "",
       "Targets: " + "; ".join(f"{t['measure']} {t['target']}: {t['value']} ({'met' if t['met'] else 'missed'})" for t in targets) + "."]
print("\n".join(out), file=sys.stderr)
PY
jar=bench/.work/lib/jfreechart-1.5.5.jar
[[ -f $jar ]] || ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy -Dartifact=org.jfree:jfreechart:1.5.5 -DoutputDirectory=bench/.work/lib ||
  log "no JFreeChart, so no chart"
rm -f "$out/scale-vs-replicas.png"
[[ ! -f $jar ]] || java -Djava.awt.headless=true -cp "$jar" bench/report/Charts.java "$out/scale.json" "$out" ||
  log "the chart failed"
cat "$out/scale.md"
