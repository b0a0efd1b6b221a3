# Sourced by the bench/*.sh scenarios, from the repository's root: a shop of the run's
# own (its database, exchange, queue and Redis key prefix, and a MongoDB stand-in), the apps
# started against it, and everything stopped and cleaned away at the end.
#
# The sourcing script sets `work` (where the apps' logs go) and `run_id` (in every name), then:
#   bench_build                    services as scripts/services.sh starts them, and the packages
#                                  (BENCH_SKIP_BUILD=1 reuses those in */target)
#   bench_open_shop NAME           BENCH_TOKEN (an admin's token) and the development key for the
#                                  apps; a fresh PostgreSQL database NAME; bench_cleanup on exit;
#                                  the MongoDB stand-in, the shop's names exported, and free ports
#                                  for the apps (command_port, query_port)
#   bench_start_both               a query-app and a command-app on those ports, both ready; or
#   bench_start_app LOG-NAME PORT APP [VAR=value...]   then bench_await_ready PORT LOG-NAME
# and may use graphql, json_field, metric, pid_on, cpu_ticks, now_ms, wait_until, queued and
# bench_append_backlog.

# --- Build and credentials ---
bench_build() {
  bash scripts/services.sh >/dev/null
  if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
    echo "bench: packaging the apps" >&2
    ./mvnw -B -q package -DskipTests -pl command-app,query-app,mongo-stand-in -am
  fi
}

# Bearer tokens: the apps verify them with the development key pair, and the bench acts as an admin
# (naming the customers it shops for), so one token serves every request.
bench_token() {
  export JWT_PUBLIC_KEY_LOCATION=file:$PWD/dev/jwt/public.pem
  BENCH_TOKEN=$(bash scripts/dev-token.sh admin bench)
  export BENCH_TOKEN
}

# As the shop's own role (scripts/services.sh gives it CREATEDB), which a fresh machine lets in by password.
export PGPASSWORD=${PGPASSWORD:-cqrs_shop}
bench_psql() { psql -q -U cqrs_shop -h 127.0.0.1 "$@"; }
bench_fresh_database() { # name
  bench_psql -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
}

# Appends the next `count` versions of every product stream, the streams taken in turn, in one
# transaction: the relay, which reads below the snapshot's xmin, sees all of them or none.
bench_append_backlog() { # database streams count reason
  bench_psql -d "$1" -v events="$3" -v per=$(( ($3 + $2 - 1) / $2 )) -v reason="$4" >/dev/null <<'SQL'
BEGIN;
INSERT INTO events (stream_id, stream_type, stream_version, event_id, event_type, schema_version, payload,
                    occurred_at, correlation_id, causation_id)
SELECT p.stream_id, 'product', p.version + g, gen_random_uuid(), 'ProductStockAdjusted', 1,
       jsonb_build_object('productId', p.stream_id::text, 'delta', 1, 'stockAfter', 10000000 + p.version + g - 1,
                          'reason', :'reason'),
       now(), gen_random_uuid(), gen_random_uuid()
FROM (SELECT stream_id, max(stream_version) AS version FROM events WHERE stream_type = 'product' GROUP BY stream_id) p,
     generate_series(1, :per) g
ORDER BY g, p.stream_id
LIMIT :events;
COMMIT;
SQL
}

# --- Names of the run's own: every exchange and queue starts with bench_broker_prefix ---
bench_broker_prefix() { echo "cqrs-shop.bench.$run_id."; }
bench_redis_prefix() { echo "cqrs-shop-bench-$run_id:"; }

# --- Measuring ---
cpu_ticks() { # pid: utime + stime so far, in clock ticks (getconf CLK_TCK a second)
  local stat
  stat=$(<"/proc/$1/stat")
  read -r -a fields <<<"${stat##*) }"
  echo $(( fields[11] + fields[12] ))
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
wait_until() { # seconds description command...: until the command succeeds, or exit
  local deadline=$(( SECONDS + $1 )) what=$2
  shift 2
  until "$@"; do
    (( SECONDS < deadline )) || { log "gave up waiting for $what"; exit 1; }
    sleep 0.1
  done
}
# Messages in the run's projection queues (`<queue>.p0`, ..), never the dead letters.
queued() {
  rabbitmqctl -q list_queues --no-table-headers name messages | awk -v q="$PROJECTION_QUEUE" \
    'index($1, q) == 1 && $1 !~ /\.dlq$/ {sum += $2} END {printf "%d\n", sum}'
}

# --- Processes ---
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pid_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
pids=()
start() { # log-name command...
  local name=$1
  shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
bench_await_ready() { # port name [path]
  for _ in $(seq 600); do
    curl -fs -m 2 -o /dev/null "http://127.0.0.1:$1${3:-/q/health/ready}" && return
    sleep 0.2
  done
  echo "bench: $2 did not become ready; see $work/$2.log" >&2
  exit 1
}

bench_start_shop() { # database
  local database=$1
  mongo_port=$(free_port) command_port=$(free_port) query_port=$(free_port)
  start mongo java -jar mongo-stand-in/target/mongo-stand-in.jar --port "$mongo_port"
  export POSTGRES_DB=$database EVENTS_EXCHANGE=$(bench_broker_prefix)events \
    PROJECTION_QUEUE=$(bench_broker_prefix)projections REDIS_KEY_PREFIX=$(bench_redis_prefix) \
    MONGODB_URI=mongodb://127.0.0.1:$mongo_port MONGODB_DATABASE=$database \
    COMMAND_APP_URL=http://127.0.0.1:$command_port
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$mongo_port") 2>/dev/null && break; sleep 0.1; done
}

bench_open_shop() { # database
  bench_token
  bench_fresh_database "$1"
  trap bench_cleanup EXIT
  bench_start_shop "$1"
}

bench_start_both() {
  bench_start_app query-app "$query_port" query-app
  bench_await_ready "$query_port" query-app
  bench_start_app command-app "$command_port" command-app
  bench_await_ready "$command_port" command-app
}

# Sized as in the Helm chart's 768 MiB container limit: the JVM takes its usual share of it for heap.
java_opts=(-XX:MaxRAM=768m)
bench_start_app() { # log-name port app [VAR=value...]
  local name=$1 port=$2 app=$3
  shift 3
  start "$name" env QUARKUS_HTTP_PORT="$port" "$@" java "${java_opts[@]}" -jar "$app/target/quarkus-app/quarkus-run.jar"
}

# The newest first, and the Mongo stand-in (the first) only once the rest have exited: an app whose
# store vanished under a request waits out its whole shutdown timeout for it. Then the run's
# queues (the projection queue, its partitions .p0.. and .dlq), exchanges (events, .partitions,
# .dlx) and Redis keys.
bench_cleanup() {
  local pid i
  # A process stopped by SIGSTOP would not act on SIGTERM until continued.
  for pid in "${pids[@]}"; do kill -CONT "$pid" 2>/dev/null || true; done
  for ((i = ${#pids[@]} - 1; i >= 1; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for ((i = ${#pids[@]} - 1; i >= 1; i--)); do wait "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]:0:1}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bench_remove_broker_objects
  local keys
  keys=$(redis-cli -h 127.0.0.1 -p 6379 --scan --pattern "$(bench_redis_prefix)*" 2>/dev/null || true)
  [[ -z $keys ]] || xargs redis-cli -h 127.0.0.1 -p 6379 del <<<"$keys" >/dev/null 2>&1 || true
}
bench_remove_broker_objects() {
  local prefix name names=()
  prefix=$(bench_broker_prefix)
  for name in $(rabbitmqctl -q list_queues --no-table-headers name 2>/dev/null | awk -v p="$prefix" 'index($1, p) == 1 {print $1}'); do
    rabbitmqctl -q delete_queue "$name" >/dev/null 2>&1 || true
  done
  # rabbitmqctl has no delete_exchange, and rabbitmqadmin needs the management plugin, which our
  # brokers do not run; so the broker's own function (RabbitMQ 3.10: delete(Name, IfUnused, Actor)).
  for name in $(rabbitmqctl -q list_exchanges --no-table-headers name 2>/dev/null | awk -v p="$prefix" 'index($1, p) == 1 {print $1}'); do
    names+=("<<\"$name\">>")
  done
  if ((${#names[@]})); then
    rabbitmqctl -q eval "[rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, N), false, <<\"bench\">>)
      || N <- [$(IFS=,; echo "${names[*]}")]]." >/dev/null 2>&1 || true
  fi
}

# --- Requests ---
graphql() { # url document -> data, or exit on errors
  local response
  response=$(curl -fs -m 30 -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' --data "$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$2")" "$1")
  if [[ $response != *'"data"'* || $response == *'"errors"'* ]]; then
    echo "bench: GraphQL request failed: $response" >&2
    exit 1
  fi
  echo "$response"
}
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[int(k)] if k.isdigit() else d[k]
print(d)' "$1"; }
metric() { # port name: the sum of a Prometheus counter
  curl -fs "http://127.0.0.1:$1/q/metrics" | awk -v name="$2" '$1 ~ "^"name"({|$)" {sum += $2} END {print sum + 0}'
}
