#!/usr/bin/env bash
# Makes sure PostgreSQL, Redis and RabbitMQ run on their standard local ports, installing them
# with apt where they are missing, and prepares the cqrs_shop role and database. Safe to run
# again: what already runs is left alone. Other projects may share these servers, so nothing
# but our own role and database is ever created, and nothing is ever altered but one thing: the
# RabbitMQ plugin the query-app needs is enabled if it is off.
# On a bare machine it also installs the JDK and curl that the build and scripts/run-local.sh need.
set -euo pipefail

say() { printf '%-10s %s\n' "$1:" "$2"; }
fail() { echo "services: $*" >&2; exit 1; }
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
is_root() { [[ $(id -u) == 0 ]]; }

missing=()
need() { # command package: the package provides the command
  command -v "$1" >/dev/null || [[ " ${missing[*]} " == *" $2 "* ]] || missing+=("$2")
}
# A server that already answers on its port needs only its client here.
port_open 5432 || need pg_ctlcluster postgresql
need psql postgresql-client
need pg_isready postgresql-client
port_open 6379 || need redis-server redis-server
need redis-cli redis-tools
port_open 5672 || need rabbitmq-server rabbitmq-server
need javac openjdk-17-jdk-headless
need curl curl
if ((${#missing[@]})); then
  is_root || fail "missing ${missing[*]}; installing them needs root (apt-get install ${missing[*]})"
  say apt "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_log=$(mktemp)
  { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } >"$apt_log" 2>&1 \
    || { tail -n 30 "$apt_log" >&2; fail "apt-get install ${missing[*]} failed"; }
  rm -f "$apt_log"
fi

# PostgreSQL
if pg_isready -q -h 127.0.0.1 -p 5432; then
  say postgres running
else
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [[ -n $version ]] || fail "PostgreSQL is installed but has no cluster in /etc/postgresql"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start \
    || fail "pg_ctlcluster $version main start failed (log: /var/log/postgresql/)"
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL $version did not accept connections within 30 s"
  say postgres started
fi

# Admin work only when our role cannot log in yet, so that a second run needs no superuser.
cqrs_shop_login() {
  PGPASSWORD=cqrs_shop psql -qAtXw -h 127.0.0.1 -U cqrs_shop -d cqrs_shop -c 'SELECT 1' >/dev/null 2>&1
}
if ! cqrs_shop_login; then
  # A fresh install trusts only the postgres OS user on the socket (TCP wants a password); our
  # machines trust TCP too. -w: fail rather than wait at a password prompt.
  if is_root && id postgres >/dev/null 2>&1 \
     && runuser -u postgres -- psql -qAtXw -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    admin=(runuser -u postgres -- psql)
  elif psql -qAtXw -h 127.0.0.1 -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    admin=(psql -h 127.0.0.1 -U postgres)
  else
    fail "cannot log in as cqrs_shop, nor as an administrator to create it (tried the postgres OS user on the socket, and user postgres over TCP)"
  fi
  admin_sql() { "${admin[@]}" -qAtXw -v ON_ERROR_STOP=1 -d postgres -c "$1"; }

  if [[ $(admin_sql "SELECT 1 FROM pg_roles WHERE rolname = 'cqrs_shop'") != 1 ]]; then
    admin_sql "CREATE ROLE cqrs_shop LOGIN PASSWORD 'cqrs_shop' CREATEDB" >/dev/null
    say postgres "created role cqrs_shop"
  fi
  if [[ $(admin_sql "SELECT 1 FROM pg_database WHERE datname = 'cqrs_shop'") != 1 ]]; then
    admin_sql "CREATE DATABASE cqrs_shop OWNER cqrs_shop" >/dev/null
    say postgres "created database cqrs_shop"
  fi
  cqrs_shop_login \
    || fail "cannot log in to PostgreSQL as cqrs_shop/cqrs_shop over TCP (was the role made elsewhere with another password?)"
fi

# Redis
redis_up() { [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]; }
if redis_up; then
  say redis running
else
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null \
    || fail "redis-server did not start"
  for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  redis_up || fail "Redis did not answer PING within 10 s"
  say redis started
fi

# RabbitMQ. An open AMQP port is enough to leave it alone: rabbitmqctl needs the node's Erlang
# cookie, which a broker started by another user may not share with us.
if port_open 5672; then
  say rabbitmq running
else
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  # await_startup exits at once while the node has not registered yet, so it is retried.
  deadline=$((SECONDS + 60))
  until rabbitmqctl -q -t 10 await_startup >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "RabbitMQ did not start within 60 s (log: /var/log/rabbitmq/)"
    sleep 1
  done
  until port_open 5672; do
    ((SECONDS < deadline)) || fail "RabbitMQ started but does not listen on port 5672"
    sleep 0.5
  done
  say rabbitmq started
fi

# The query-app spreads events over its partition queues through an x-consistent-hash exchange
# (docs/adr/0009), a plugin that ships with RabbitMQ but is off by default. Enabling it is
# idempotent and needs no restart, but rabbitmq-plugins needs the node's Erlang cookie.
hash_plugin=rabbitmq_consistent_hash_exchange
plugin_help="whoever runs the broker must enable it: rabbitmq-plugins enable $hash_plugin"
if ! command -v rabbitmq-plugins >/dev/null; then
  # A broker on this port that was not installed here (a container, say): nothing to ask.
  say rabbitmq "cannot check plugin $hash_plugin (no rabbitmq-plugins here): the query-app needs it, so $plugin_help"
elif rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  if ! rabbitmq-plugins -q is_enabled "$hash_plugin" >/dev/null 2>&1; then
    plugin_log=$(mktemp)
    rabbitmq-plugins -q enable "$hash_plugin" >"$plugin_log" 2>&1 \
      && rabbitmq-plugins -q is_enabled "$hash_plugin" >/dev/null 2>&1 \
      || { cat "$plugin_log" >&2; rm -f "$plugin_log"; fail "could not enable plugin $hash_plugin, which the query-app needs; $plugin_help"; }
    rm -f "$plugin_log"
    say rabbitmq "enabled plugin $hash_plugin"
  fi
# Unreachable, usually a broker started by another user: its enabled_plugins file is all we can read.
elif rabbitmq-plugins -q list -e -m "$hash_plugin" 2>/dev/null | grep -x "$hash_plugin" >/dev/null; then
  say rabbitmq "cannot reach the node (Erlang cookie?); its enabled_plugins lists $hash_plugin, taken as running"
else
  fail "plugin $hash_plugin, which the query-app needs, is not enabled, and rabbitmq-plugins cannot reach the node to enable it (Erlang cookie?); $plugin_help"
fi
