#!/usr/bin/env bash
# Ceiling of the event publication path: how many persistent messages this machine's RabbitMQ
# confirms per second with <producers> publishers, measured with RabbitMQ's PerfTest
# (com.rabbitmq:perf-test from Maven Central). Messages are ~500 bytes (an event with its headers),
# persistent, to a durable classic queue of our own (cqrs-shop.bench.ceiling) through the default
# exchange; every producer keeps up to RABBIT_CONFIRM_WINDOW (default 200, the relay's batch size)
# publishes unconfirmed.
#
# No consumer by default: a persistent message is confirmed once on disk, or earlier if a consumer
# already took and acked it, so a consumer would let the broker skip the very write we measure and
# would take CPU from it on this 2-CPU machine. The queue therefore grows for the whole run (about
# 15 MB/s at 25k msg/s, so keep runs to a few minutes: a broker that reaches its memory watermark
# blocks every publisher, other projects' too) and is deleted afterwards.
# RABBIT_CONSUMERS=1 measures with a consumer that acks each message instead.
#
# Usage: bench/ceilings/rabbit.sh <producers> <seconds>
# Prints one JSON line:
#   {"confirmedPerSecond":..,"latency":{"p50":..,"p99":..,"max":null},"producers":N,"seconds":S}
# Latencies are publish-to-confirm in ms from PerfTest's whole-run summary, which samples them
# (a 1028-entry decaying reservoir) and reports no maximum, hence "max": null.
# Server: RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_USER, RABBITMQ_PASSWORD (defaults 127.0.0.1,
# 5672, guest, guest), or RABBITMQ_URI for anything else (a vhost, TLS).
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "rabbit.sh: $*" >&2; exit 1; }
[[ $# == 2 && $1 =~ ^[1-9][0-9]*$ && $2 =~ ^[1-9][0-9]*$ ]] || fail "usage: $0 <producers> <seconds>"
producers=$1 seconds=$2
consumers=${RABBIT_CONSUMERS:-0}
window=${RABBIT_CONFIRM_WINDOW:-200}
[[ $consumers =~ ^[0-9]+$ && $window =~ ^[1-9][0-9]*$ ]] \
  || fail "RABBIT_CONSUMERS must be a count and RABBIT_CONFIRM_WINDOW a positive count"
queue=cqrs-shop.bench.ceiling
host=${RABBITMQ_HOST:-127.0.0.1} port=${RABBITMQ_PORT:-5672}
uri=${RABBITMQ_URI:-amqp://${RABBITMQ_USER:-guest}:${RABBITMQ_PASSWORD:-guest}@$host:$port}
version=${PERF_TEST_VERSION:-2.22.1} # the newest on Maven Central; 2.23 and later are not there
lib=bench/.work/lib/perf-test-$version

if [[ -z ${RABBITMQ_URI:-} ]]; then
  timeout 3 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null \
    || fail "RabbitMQ at $host:$port does not accept connections"
fi

tmp=$(mktemp -d)
started=
delete_queue() { # the queue has no consumer to auto-delete it, and a killed run may leave one
  # Only our own one-line errors: the client library logs its own noise on stdout.
  java -cp "$lib/*:$tmp" DeleteQueue "$uri" "$queue" 2>&1 >/dev/null | { grep '^DeleteQueue:' >&2 || true; }
  return "${PIPESTATUS[0]}"
}
cleanup() {
  if [[ -n $started ]]; then delete_queue || echo "rabbit.sh: could not delete queue $queue" >&2; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The Central artifact is a plain jar without its dependencies, so Maven resolves its runtime
# classpath, once.
if [[ ! -f $lib/.complete ]]; then
  cat >"$tmp/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>perf-test-classpath</artifactId><version>0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>com.rabbitmq</groupId><artifactId>perf-test</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
EOF
  rm -rf "$lib"
  ./mvnw -B -q -f "$tmp/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$PWD/$lib" >&2 || fail "could not fetch com.rabbitmq:perf-test:$version"
  touch "$lib/.complete"
fi

cat >"$tmp/DeleteQueue.java" <<'EOF'
import com.rabbitmq.client.*;
public class DeleteQueue {
  public static void main(String[] args) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(args[0]);
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      channel.queueDelete(args[1]);
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) System.err.println("DeleteQueue: " + t);
      System.exit(1);
    }
  }
}
EOF
javac -nowarn -cp "$lib/*" -d "$tmp" "$tmp/DeleteQueue.java"
delete_queue || fail "cannot use RabbitMQ at $(sed -E 's#//([^:/@]*):[^/@]*@#//\1:***@#' <<<"$uri") (see above)"
started=1

# --predeclared: PerfTest would otherwise try to declare the default exchange, which the broker
# refuses; it still declares the missing queue (durable, since messages are persistent).
java -cp "$lib/*" com.rabbitmq.perf.PerfTest --uri "$uri" \
  --producers "$producers" --consumers "$consumers" --qos "$window" \
  --predeclared --exchange "" --queue "$queue" --routing-key "$queue" --auto-delete false \
  --flag persistent --size 500 --confirm "$window" --time "$seconds" \
  --output-file "$tmp/intervals.csv" >"$tmp/out" 2>&1 \
  || { tail -n 30 "$tmp/out" >&2; fail "PerfTest failed"; }
grep -q 'Reached time limit' "$tmp/out" || { tail -n 30 "$tmp/out" >&2; fail "PerfTest stopped early"; }

# Confirmed messages over the reported intervals (PerfTest prints rates, once a second).
rate=$(awk -F, 'NR > 1 && $5 != "" { n += $5 * ($2 - t); total += $2 - t; t = $2 }
                END { if (total > 0) printf "%.1f", n / total }' "$tmp/intervals.csv")
[[ -n $rate ]] || { cat "$tmp/out" >&2; fail "PerfTest reported no confirm rate (run at least 2 s)"; }

# "id: ..., confirm latency min/median/75th/95th/99th 20991/440130/491135/632325/784292 µs"
awk -v rate="$rate" -v p="$producers" -v s="$seconds" '
  /confirm latency min\/median\/75th\/95th\/99th/ {
    n = split($(NF - 1), v, "/"); d = $NF == "ms" ? 1 : 1000 # else µs, however the locale prints µ
  }
  END {
    if (n != 5) { print "rabbit.sh: no confirm latency summary in PerfTest output" > "/dev/stderr"; exit 1 }
    printf "{\"confirmedPerSecond\": %s, \"latency\": {\"p50\": %.3f, \"p99\": %.3f, \"max\": null}, \"producers\": %d, \"seconds\": %d}\n",
      rate, v[2] / d, v[5] / d, p, s
  }' "$tmp/out" || { cat "$tmp/out" >&2; exit 1; }
