#!/usr/bin/env bash
# Runs the whole system on this machine: the local services, a MongoDB stand-in (unless
# MONGODB_URI names a real MongoDB), and both apps. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

COMMAND_APP_PORT=${COMMAND_APP_PORT:-8080}
QUERY_APP_PORT=${QUERY_APP_PORT:-8081}
MONGO_STAND_IN_PORT=${MONGO_STAND_IN_PORT:-27017}
logs=.local/logs
mkdir -p "$logs" .local/mongo

pids=()
stop_all() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    echo; echo "Stopping..."
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

await_ready() { # name port log
  for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "http://127.0.0.1:$2/q/health/ready"; then return 0; fi
    sleep 0.5
  done
  echo "$1 did not become ready; last lines of $3:" >&2
  tail -n 40 "$3" >&2
  exit 1
}

scripts/services.sh

echo "build:     packaging the apps (tests skipped; scripts/test.sh runs them)"
./mvnw -B -q -DskipTests -pl command-app,query-app,mongo-stand-in -am package
for jar in command-app/target/quarkus-app/quarkus-run.jar query-app/target/quarkus-app/quarkus-run.jar \
           mongo-stand-in/target/mongo-stand-in.jar; do
  [[ -f $jar ]] || { echo "build failed: $jar is missing" >&2; exit 1; }
done

if [[ -z ${MONGODB_URI:-} ]]; then
  port_open "$MONGO_STAND_IN_PORT" && {
    echo "port $MONGO_STAND_IN_PORT is taken: set MONGODB_URI to use that MongoDB, or MONGO_STAND_IN_PORT" >&2
    exit 1
  }
  java -jar mongo-stand-in/target/mongo-stand-in.jar --port "$MONGO_STAND_IN_PORT" \
    --data-file .local/mongo/cqrs-shop.h2 >"$logs/mongo-stand-in.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do port_open "$MONGO_STAND_IN_PORT" && break; sleep 0.25; done
  port_open "$MONGO_STAND_IN_PORT" || { echo "the MongoDB stand-in did not start; see $logs/mongo-stand-in.log" >&2; exit 1; }
  export MONGODB_URI="mongodb://127.0.0.1:$MONGO_STAND_IN_PORT"
  echo "mongodb:   stand-in on $MONGODB_URI (data in .local/mongo)"
else
  echo "mongodb:   $MONGODB_URI"
fi

# The query-app goes first: it declares the queue that the command-app's events are routed to.
QUARKUS_HTTP_PORT=$QUERY_APP_PORT java -jar query-app/target/quarkus-app/quarkus-run.jar >"$logs/query-app.log" 2>&1 &
pids+=($!)
await_ready query-app "$QUERY_APP_PORT" "$logs/query-app.log"
QUARKUS_HTTP_PORT=$COMMAND_APP_PORT java -jar command-app/target/quarkus-app/quarkus-run.jar >"$logs/command-app.log" 2>&1 &
pids+=($!)
await_ready command-app "$COMMAND_APP_PORT" "$logs/command-app.log"

cat <<INFO

cqrs-shop is running.
  command-app  GraphQL  http://localhost:$COMMAND_APP_PORT/graphql
               UI       http://localhost:$COMMAND_APP_PORT/q/graphql-ui
  query-app    GraphQL  http://localhost:$QUERY_APP_PORT/graphql
               UI       http://localhost:$QUERY_APP_PORT/q/graphql-ui
  logs         $logs/
Press Ctrl-C to stop.
INFO

wait -n "${pids[@]}" || true
echo "a process exited on its own; see $logs/" >&2
exit 1
