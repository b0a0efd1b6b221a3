#!/usr/bin/env bash
# Makes sure PostgreSQL, Redis and RabbitMQ run on their standard local ports, installing them
# with apt where they are missing, and prepares the cqrs_shop role and database. Safe to run
# again: what already runs is left alone. Other projects may share these servers, so nothing
# but our own role and database is ever changed.
set -euo pipefail

say() { printf '%-10s %s\n' "$1:" "$2"; }
fail() { echo "services: $*" >&2; exit 1; }

missing=()
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || fail "${missing[*]} missing and installing needs root"
  say apt "installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL
if pg_isready -q -h 127.0.0.1 -p 5432; then
  say postgres running
else
  version=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL $version did not start"
  say postgres started
fi

# A fresh install only trusts the postgres OS user on the socket; our machines also trust TCP.
admin_sql() {
  if [[ $(id -u) == 0 ]] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -qAtX -v ON_ERROR_STOP=1 -d postgres -c "$1"
  else
    psql -qAtX -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres -c "$1"
  fi
}
if [[ $(admin_sql "SELECT 1 FROM pg_roles WHERE rolname = 'cqrs_shop'") != 1 ]]; then
  admin_sql "CREATE ROLE cqrs_shop LOGIN PASSWORD 'cqrs_shop' CREATEDB"
  say postgres "created role cqrs_shop"
fi
if [[ $(admin_sql "SELECT 1 FROM pg_database WHERE datname = 'cqrs_shop'") != 1 ]]; then
  admin_sql "CREATE DATABASE cqrs_shop OWNER cqrs_shop"
  say postgres "created database cqrs_shop"
fi
PGPASSWORD=cqrs_shop psql -qAtX -h 127.0.0.1 -U cqrs_shop -d cqrs_shop -c 'SELECT 1' >/dev/null \
  || fail "cannot log in to PostgreSQL as cqrs_shop over TCP"

# Redis
if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  say redis running
else
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break; sleep 0.5; done
  redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG || fail "Redis did not start"
  say redis started
fi

# RabbitMQ
if rabbitmqctl -q status >/dev/null 2>&1; then
  say rabbitmq running
else
  rabbitmq-server -detached >/dev/null 2>&1 || true
  # await_startup exits at once while the node has not registered yet, so it is retried.
  for _ in $(seq 1 60); do rabbitmqctl -q await_startup >/dev/null 2>&1 && break; sleep 1; done
  rabbitmqctl -q await_startup >/dev/null 2>&1 || fail "RabbitMQ did not start"
  say rabbitmq started
fi
