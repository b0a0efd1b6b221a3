#!/usr/bin/env bash
# Runs the whole system on this machine: the local services, a MongoDB stand-in (unless
# MONGODB_URI names a real MongoDB), both apps, and the gateway that serves them as one endpoint.
# Ctrl-C stops everything it started, and nothing else.
#   COMMAND_APP_PORT (8080), QUERY_APP_PORT (8081), GATEWAY_PORT (4000), MONGO_STAND_IN_PORT (27017), MONGODB_URI
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

COMMAND_APP_PORT=${COMMAND_APP_PORT:-8080}
QUERY_APP_PORT=${QUERY_APP_PORT:-8081}
GATEWAY_PORT=${GATEWAY_PORT:-4000}
MONGO_STAND_IN_PORT=${MONGO_STAND_IN_PORT:-27017}
logs=.local/logs
mkdir -p "$logs" .local/mongo

# Started processes, in start order, with their names for messages.
pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  ((${#pids[@]})) || return 0
  echo
  # Newest first: the apps let go of the stand-in before it stops.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    local pid=${pids[i]}
    kill -0 "$pid" 2>/dev/null || continue
    echo "stopping  ${names[i]} (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "          ${names[i]} ignored TERM for 15 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

fail() { echo "run-local: $*" >&2; exit 1; }

# Background children of a script ignore SIGINT, so Ctrl-C reaches them only through stop_all.
start() { # name log command...
  local name=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  pids+=($!)
  names+=("$name")
}

alive() { kill -0 "${pids[-1]}" 2>/dev/null; }

await_ready() { # name port log [path]
  local deadline=$((SECONDS + 90))
  until curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$2${4:-/q/health/ready}"; do
    if ! alive || ((SECONDS >= deadline)); then
      if alive; then echo "$1 was not ready within 90 s; last lines of $3:" >&2
      else echo "$1 exited while starting; last lines of $3:" >&2; fi
      tail -n 40 "$3" >&2
      exit 1
    fi
    sleep 0.5
  done
}

bash scripts/services.sh

# Checked before the build so that a busy port fails in a second, not after it.
for port in "$COMMAND_APP_PORT" "$QUERY_APP_PORT" "$GATEWAY_PORT"; do
  port_open "$port" && fail "port $port is taken (an earlier run still going?); free it or set COMMAND_APP_PORT / QUERY_APP_PORT / GATEWAY_PORT"
done
if [[ -z ${MONGODB_URI:-} ]] && port_open "$MONGO_STAND_IN_PORT"; then
  fail "port $MONGO_STAND_IN_PORT is taken: set MONGODB_URI to use the MongoDB there, or MONGO_STAND_IN_PORT to start the stand-in elsewhere"
fi

echo "build:     packaging the apps (tests skipped; scripts/test.sh runs them)"
./mvnw -B -q -DskipTests -pl command-app,query-app,mongo-stand-in -am package \
  || fail "build failed (./mvnw package exited non-zero; see the output above)"
for jar in command-app/target/quarkus-app/quarkus-run.jar query-app/target/quarkus-app/quarkus-run.jar \
           mongo-stand-in/target/mongo-stand-in.jar; do
  [[ -f $jar ]] || fail "build failed: $jar is missing"
done

if [[ -z ${MONGODB_URI:-} ]]; then
  start mongo-stand-in "$logs/mongo-stand-in.log" \
    java -jar mongo-stand-in/target/mongo-stand-in.jar --port "$MONGO_STAND_IN_PORT" --data-file .local/mongo/cqrs-shop.h2
  for _ in $(seq 1 120); do
    port_open "$MONGO_STAND_IN_PORT" && break
    alive || break
    sleep 0.25
  done
  port_open "$MONGO_STAND_IN_PORT" || {
    tail -n 20 "$logs/mongo-stand-in.log" >&2
    fail "the MongoDB stand-in did not start; see $logs/mongo-stand-in.log"
  }
  export MONGODB_URI="mongodb://127.0.0.1:$MONGO_STAND_IN_PORT"
  echo "mongodb:   stand-in on $MONGODB_URI (data in .local/mongo/)"
else
  export MONGODB_URI
  echo "mongodb:   $MONGODB_URI"
fi

# Bearer tokens are verified, by both apps and the gateway, with the development key pair (dev/jwt),
# unless another key is given; scripts/dev-token.sh signs tokens with it.
export JWT_PUBLIC_KEY_LOCATION=${JWT_PUBLIC_KEY_LOCATION:-file:$root/dev/jwt/public.pem}
# Plain log lines for people reading them; deployments keep the apps' default, JSON lines
# (docs/observability.md). LOG_JSON=true here shows what they look like.
export LOG_JSON=${LOG_JSON:-false}

# The query-app goes first: it declares the queue that the command-app's events are routed to,
# and events published before that queue exists would be dropped by the exchange.
start query-app "$logs/query-app.log" \
  env QUARKUS_HTTP_PORT="$QUERY_APP_PORT" COMMAND_APP_URL="http://localhost:$COMMAND_APP_PORT" java -jar query-app/target/quarkus-app/quarkus-run.jar
await_ready query-app "$QUERY_APP_PORT" "$logs/query-app.log"
start command-app "$logs/command-app.log" \
  env QUARKUS_HTTP_PORT="$COMMAND_APP_PORT" java -jar command-app/target/quarkus-app/quarkus-run.jar
await_ready command-app "$COMMAND_APP_PORT" "$logs/command-app.log"
# The one endpoint for everything (docs/federation.md): Hive Gateway over both apps.
start gateway "$logs/gateway.log" \
  env GATEWAY_PORT="$GATEWAY_PORT" COMMAND_APP_URL="http://localhost:$COMMAND_APP_PORT" \
  QUERY_APP_URL="http://localhost:$QUERY_APP_PORT" bash gateway/run.sh
await_ready gateway "$GATEWAY_PORT" "$logs/gateway.log" /healthcheck

cat <<INFO

cqrs-shop is running.
  one endpoint GraphQL  http://localhost:$GATEWAY_PORT/graphql  (mutations, queries, subscriptions)
  command-app  GraphQL  http://localhost:$COMMAND_APP_PORT/graphql
               UI       http://localhost:$COMMAND_APP_PORT/q/graphql-ui
  query-app    GraphQL  http://localhost:$QUERY_APP_PORT/graphql
               UI       http://localhost:$QUERY_APP_PORT/q/graphql-ui
  logs         $root/$logs/
Bearer tokens (development key, never for production):
  admin        scripts/dev-token.sh admin
  customer     scripts/dev-token.sh customer <customer-uuid>
Press Ctrl-C to stop.
INFO

# Returns when any child exits; a trapped Ctrl-C or TERM interrupts it at once.
wait -n "${pids[@]}" || true
for i in "${!pids[@]}"; do
  kill -0 "${pids[i]}" 2>/dev/null || echo "run-local: ${names[i]} exited on its own; see $root/$logs/${names[i]}.log" >&2
done
exit 1
