#!/usr/bin/env bash
# Projection capacity: how fast one query-app works off a backlog, and the CPU it spends per event.
#
#   bench/projection.sh [events] [rounds]      defaults 20000 and 3; BENCH_SKIP_BUILD=1 reuses the packages
#
# A shop of its own (bench/lib/apps.sh: database cqrs_shop_bench_projection, exchange, queue and
# Redis keys named after the run) with a command-app, one query-app and 50 products. Each round
# stops the query-app (SIGSTOP), writes `events` ProductStockAdjusted events straight into the
# store in one transaction (the next versions of the 50 streams, taken in turn), waits until the
# command-app's relay has put all of them in the projection queue(s), lets the query-app go on
# (SIGCONT) and times until its cqrs_projection_events_total (applied + repaired + duplicate) has
# grown by `events`. CPU is the query-app's own utime + stime (/proc/<pid>/stat) over that time.
#
# Writes bench/results/projection.json (folded by bench/load/results.mjs, with its targets) and the
# one line bench/results/projection.md; PROJECTION_OUT names another folder.
set -euo pipefail
cd "$(dirname "$0")/.."

events=${1:-20000} rounds=${2:-3}
[[ $events =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [events] [rounds]" >&2; exit 2; }
products=50
work=bench/.work/projection
out=${PROJECTION_OUT:-bench/results}
raw=$work/raw.jsonl
run_id=projection-$(date +%s)
load_at_start=$(cat /proc/loadavg)
mkdir -p "$work" "$out"
: >"$raw"
log() { echo "projection: $*" >&2; }
source bench/lib/apps.sh

bench_build
database=cqrs_shop_bench_projection
bench_open_shop "$database"
bench_start_both
query_pid=$(pid_on "$query_port") mongo_pid=$(pid_on "$mongo_port")
command_url=http://127.0.0.1:$command_port/graphql

# Events the query-app has settled: applied, repaired from the feed, or recognised as duplicates.
projected() {
  curl -fs -m 10 "http://127.0.0.1:$query_port/q/metrics" | awk '$1 ~ /^cqrs_projection_events_total\{/ \
    && $1 ~ /outcome="(applied|repaired|duplicate)"/ {sum += $2} END {printf "%d\n", sum}'
}
outcome() { # name: that outcome's count so far
  curl -fs -m 10 "http://127.0.0.1:$query_port/q/metrics" | awk -v o="outcome=\"$1\"" \
    '$1 ~ /^cqrs_projection_events_total\{/ && index($1, o) {sum += $2} END {printf "%d\n", sum}'
}
ticks_per_second=$(getconf CLK_TCK)

log "creating $products products"
for i in $(seq "$products"); do
  graphql "$command_url" "mutation { createProduct(input: {sku: \"P-$run_id-$i\", name: \"Projection $i\","\
" description: \"benchmark\", price: {amountMinor: $((500 + i)), currency: \"EUR\"}, category: \"bench\","\
" stockQuantity: 10000000}) { id } }" >/dev/null
done
all_settled() { (( $(projected) >= $1 )); }
wait_until 120 "the products to be projected" all_settled "$products"

for round in $(seq "$rounds"); do
  before=$(projected) dead_before=$(outcome dead_lettered) repaired_before=$(outcome repaired) \
    duplicate_before=$(outcome duplicate)
  kill -STOP "$query_pid"
  stopped_ms=$(now_ms)
  bench_append_backlog "$database" "$products" "$events" "bench projection"
  inserted_ms=$(now_ms)
  all_queued() { (( $(queued) >= events )); }
  wait_until 600 "the relay to queue $events events" all_queued
  queued_ms=$(now_ms)
  # RabbitMQ drops a connection that misses heartbeats for about a minute (60 s by default): a
  # longer stop would make the query-app reconnect, and its redeliveries would be in the figure.
  (( queued_ms - stopped_ms < 50000 )) || log "round $round: stopped $(( (queued_ms - stopped_ms) / 1000 )) s, near the heartbeat timeout"
  cpu_before=$(cpu_ticks "$query_pid") mongo_before=$(cpu_ticks "$mongo_pid") started_ms=$(now_ms)
  kill -CONT "$query_pid"
  wait_until 1800 "the query-app to project $events events" all_settled $(( before + events ))
  finished_ms=$(now_ms)
  cpu_after=$(cpu_ticks "$query_pid") mongo_after=$(cpu_ticks "$mongo_pid")
  python3 - "$events" "$round" $(( finished_ms - started_ms )) $(( cpu_after - cpu_before )) \
    $(( mongo_after - mongo_before )) "$ticks_per_second" $(( inserted_ms - stopped_ms )) $(( queued_ms - inserted_ms )) \
    $(( $(outcome dead_lettered) - dead_before )) $(( $(outcome repaired) - repaired_before )) \
    $(( $(outcome duplicate) - duplicate_before )) >>"$raw" <<'PY'
import json, sys
events, round_, drain_ms, ticks, mongo_ticks, hz, insert_ms, relay_ms, dead, repaired, duplicate = map(int, sys.argv[1:])
cpu_ms = ticks * 1000 / hz
rate = events * 1000 / max(1, drain_ms)
title = f"Projection drain of {events} events queued while the query-app was stopped"
print(json.dumps({"id": "projection.drain", "group": "projection", "title": title, "clients": 1, "unit": "events/s",
                  "value": round(rate, 1), "extra": {"drainSeconds": drain_ms / 1000, "insertSeconds": insert_ms / 1000,
                  "relaySeconds": relay_ms / 1000, "repaired": repaired, "duplicates": duplicate, "deadLettered": dead}}))
print(json.dumps({"id": "projection.cpuPerEvent", "group": "projection", "title": "query-app CPU per projected event",
                  "clients": 1, "unit": "ms/event", "value": round(cpu_ms / events, 4),
                  "extra": {"queryAppCpuSeconds": cpu_ms / 1000, "mongoStandInMsPerEvent": round(mongo_ticks * 1000 / hz / events, 4)}}))
print(f"round {round_}: {rate:.0f} events/s, {cpu_ms / events:.3f} ms CPU per event"
      f" (relay queued them in {relay_ms / 1000:.1f} s; {repaired} repaired, {duplicate} duplicates, {dead} dead-lettered)",
      file=sys.stderr)
PY
done

node bench/load/results.mjs "$raw" projection "$rounds" "$load_at_start" "$(cat /proc/loadavg)" \
  "bench/projection.sh $events $rounds" >"$out/projection.json"
python3 - "$out/projection.json" >"$out/projection.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = {x["id"]: x for x in r["measures"]}
d, c, machine = m["projection.drain"], m["projection.cpuPerEvent"], r["run"]["machine"]
fmt = lambda x, f: f"{f(x['median'])} ({f(x['min'])}–{f(x['max'])})"
targets = "; ".join(f"{t['measure']} {t['target']} {'met' if t['met'] else 'missed'}"
                    for t in r["targets"] if t["measure"].startswith("Projection"))
print(f"{d['title']}, {r['run']['repeats']} rounds on {machine['cpus']} CPUs (load {machine['loadAverageAtStart'][0]}"
      f" at start): {fmt(d, lambda v: f'{v:,.0f}')} events/s, {fmt(c, lambda v: f'{v:.3f}')} ms query-app CPU per event"
      f" (median, min–max); {targets}.")
PY
cat "$out/projection.md"
