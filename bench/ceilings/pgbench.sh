#!/usr/bin/env bash
# Ceiling of the event store's write path: how many one-event transactions this machine's
# PostgreSQL commits per second at a given concurrency, and their latency. Each transaction
# inserts one CartItemAdded-shaped row into a copy of the `events` table (same column types,
# defaults and indexes as command-app's V1 migration) under the server's own synchronous_commit,
# so each commit pays the same WAL flush an append does.
#
# Usage: bench/ceilings/pgbench.sh <clients> <seconds>
# Prints one JSON line: {"tps":..,"latency":{"p50":..,"p99":..,"max":..},"clients":N,"seconds":S}
# (latencies in ms, from pgbench's per-transaction log). libpq variables choose the server
# (PGHOST, PGPORT, PGUSER, PGPASSWORD; defaults 127.0.0.1:5432 as cqrs_shop); PGBENCH_DATABASE
# names the scratch database (default cqrs_shop_bench_ceiling, created if missing).
set -euo pipefail

fail() { echo "pgbench.sh: $*" >&2; exit 1; }
[[ $# == 2 && $1 =~ ^[1-9][0-9]*$ && $2 =~ ^[1-9][0-9]*$ ]] || fail "usage: $0 <clients> <seconds>"
clients=$1 seconds=$2
threads=$((clients < 2 ? clients : 2))

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-cqrs_shop}
export PGPASSWORD=${PGPASSWORD:-cqrs_shop}
db=${PGBENCH_DATABASE:-cqrs_shop_bench_ceiling}
[[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || fail "PGBENCH_DATABASE must be a plain lower-case identifier, not '$db'"
command -v pgbench >/dev/null || fail "pgbench not found (Debian: apt-get install postgresql-client)"

pg_isready -q -t 5 -d postgres \
  || fail "PostgreSQL at $PGHOST:$PGPORT does not accept connections (pg_isready)"
psql_() { psql -qAtX -v ON_ERROR_STOP=1 "$@"; }

# cqrs_shop has CREATEDB, so the scratch database is its own and no superuser is needed.
if [[ -z $(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
  psql_ -d postgres -c "CREATE DATABASE $db" || fail "cannot create database $db as $PGUSER"
fi

# The event store's own schema, from the command-app's first migration: every index there costs
# a write here too, and a changed migration changes the ceiling with it.
migration=$(dirname "$0")/../../command-app/src/main/resources/db/migration/V1__event_store.sql
if [[ -z $(psql_ -d "$db" -c "SELECT to_regclass('events')") ]]; then
  psql_ -d "$db" -f "$migration" >/dev/null
fi
# Runs start from an empty table, so results do not depend on how often the script ran before.
psql_ -d "$db" -c "TRUNCATE events RESTART IDENTITY" >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One event per transaction, on a new stream at version 1: no optimistic-concurrency conflicts.
# The payload has the shape of common's CartItemAdded.v1 snapshot; ids are uuids as in the app.
cat >"$tmp/append.sql" <<'SQL'
INSERT INTO events (stream_id, stream_type, stream_version, event_id, event_type,
                    schema_version, payload, occurred_at, correlation_id, causation_id, actor)
SELECT s.id, 'cart', 1, gen_random_uuid(), 'CartItemAdded', 1,
       jsonb_build_object('cartId', s.id, 'customerId', gen_random_uuid(),
                          'productId', gen_random_uuid(), 'quantity', 1, 'lineQuantity', 3),
       now(), c.id, c.id, 'bench-ceiling'
FROM (SELECT gen_random_uuid() AS id) s, (SELECT gen_random_uuid() AS id) c;
SQL

# -l logs every transaction (one file per thread); column 3 is its latency in microseconds.
pgbench -n -f "$tmp/append.sql" -c "$clients" -j "$threads" -T "$seconds" \
  -l --log-prefix="$tmp/tx" "$db" >"$tmp/out" 2>"$tmp/err" \
  || { cat "$tmp/err" "$tmp/out" >&2; fail "pgbench failed"; }
grep -q '^number of failed transactions: 0 ' "$tmp/out" \
  || { cat "$tmp/out" >&2; fail "pgbench reported failed transactions"; }

# pgbench 15 prints one "tps = N (without initial connection time)"; older ones print two lines,
# of which "excluding connections establishing" is the comparable one.
# Leave no rows behind for the next user of the database.
psql_ -d "$db" -c 'TRUNCATE events RESTART IDENTITY' >/dev/null

tps=$(awk '/^tps = / && !/including/ { print $3; exit }' "$tmp/out")
[[ -n $tps ]] || { cat "$tmp/out" >&2; fail "no tps line in pgbench output"; }

cat "$tmp"/tx.* | awk '{ print $3 }' | sort -n | awk -v tps="$tps" -v c="$clients" -v s="$seconds" '
  function rank(q,  i) { i = int(q * NR); if (i < q * NR) i++; return a[i < 1 ? 1 : i] / 1000 }
  { a[NR] = $1 }
  END {
    if (NR == 0) { print "pgbench.sh: no transactions logged" > "/dev/stderr"; exit 1 }
    printf "{\"tps\": %.1f, \"latency\": {\"p50\": %.3f, \"p99\": %.3f, \"max\": %.3f}, \"clients\": %d, \"seconds\": %d}\n",
      tps, rank(0.50), rank(0.99), a[NR] / 1000, c, s
  }'
