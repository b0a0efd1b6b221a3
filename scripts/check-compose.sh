#!/usr/bin/env bash
# Validates docker-compose.yml with the docker-compose that Debian ships (1.29), the oldest one
# we promise to work with, then checks what its schema cannot: every service has a healthcheck,
# the apps and the gateway start only after their dependencies are healthy, the broker enables
# the plugin the query-app needs, and the apps and the gateway get every connection setting they
# read, pointing at services that exist, on the ports those listen on.
# Needs no Docker engine.
#
#   scripts/check-compose.sh [FILE]     FILE defaults to $COMPOSE_CHECK_FILE, then to the
#                                       repository's docker-compose.yml
#
# Relative paths in FILE (build contexts) resolve against the repository root, so a copy kept
# elsewhere is checked as if it stood in place of the real one.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
file=${1:-${COMPOSE_CHECK_FILE:-$root/docker-compose.yml}}
fail() { echo "check-compose: $*" >&2; exit 1; }
[[ -f $file ]] || fail "no such file: $file"
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")

if ! command -v docker-compose >/dev/null; then
  [[ $(id -u) == 0 ]] || fail "docker-compose is missing and installing it needs root: apt-get install docker-compose"
  echo "check-compose: installing docker-compose with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  # The package lists are refreshed only when the install fails without them: it is slow.
  if ! apt-get install -y -qq docker-compose >"$log" 2>&1; then
    { apt-get update -qq && apt-get install -y -qq docker-compose; } >"$log" 2>&1 \
      || { tail -n 30 "$log" >&2; rm -f "$log"; fail "apt-get install docker-compose failed"; }
  fi
  rm -f "$log"
fi
echo "check-compose: $(docker-compose version --short 2>/dev/null || docker-compose --version) on $file"

# Overrides from the caller's shell or a .env would change what is checked: check the file's own
# defaults, by unsetting what it interpolates and reading an empty env file.
mapfile -t interpolated < <(grep -oE '\$\{[A-Za-z_][A-Za-z0-9_]*' "$file" | cut -c3- | sort -u \
  | grep -vxE 'PATH|HOME|PWD|SHELL|USER' || true)
((${#interpolated[@]} == 0)) || unset "${interpolated[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/empty.env"
compose=(docker-compose -f "$file" --project-directory "$root" --env-file "$work/empty.env")
"${compose[@]}" config -q || fail "docker-compose rejected $file (see above)"
echo "ok    docker-compose config -q accepts the file"
config=$work/config.yml
"${compose[@]}" config >"$config"

# The YAML parser that docker-compose itself depends on, whichever python3 has it.
python=
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then
    python=$candidate
    break
  fi
done
[[ -n $python ]] || fail "no python3 with the yaml module (apt-get install python3-yaml)"

"$python" - "$file" "$config" "$root" <<'PY'
import os
import sys
from urllib.parse import urlsplit

import yaml

raw_path, config_path, root = sys.argv[1:4]
with open(raw_path) as f:
    raw = yaml.safe_load(f)
with open(config_path) as f:
    config = yaml.safe_load(f)

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {what}")
    else:
        failed += 1
        print(f"FAIL  {what}")


services = config.get("services") or {}
declared_volumes = set((config.get("volumes") or {}).keys())
infrastructure = ["postgres", "mongodb", "rabbitmq", "redis"]
# The apps and the gateway: what each needs, reads, listens on (port_env) and is built as.
apps = {
    "command-app": {
        "port": 8080,
        "port_env": "QUARKUS_HTTP_PORT",
        "image": "cqrs-shop/command-app:0.1.0",
        "needs": ["postgres", "rabbitmq"],
        "env": ["POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "POSTGRES_USER",
                "POSTGRES_PASSWORD", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USER",
                "RABBITMQ_PASSWORD", "EVENTS_EXCHANGE", "QUARKUS_HTTP_PORT", "JWT_PUBLIC_KEY_LOCATION", "JWT_ISSUER"],
    },
    "query-app": {
        "port": 8081,
        "port_env": "QUARKUS_HTTP_PORT",
        "image": "cqrs-shop/query-app:0.1.0",
        "needs": ["mongodb", "rabbitmq", "redis", "command-app"],
        "env": ["MONGODB_URI", "MONGODB_DATABASE", "RABBITMQ_HOST", "RABBITMQ_PORT",
                "RABBITMQ_USER", "RABBITMQ_PASSWORD", "EVENTS_EXCHANGE", "PROJECTION_QUEUE",
                "PROJECTION_PARTITIONS", "COMMAND_APP_URL", "REDIS_URL", "REDIS_KEY_PREFIX", "QUARKUS_HTTP_PORT", "JWT_PUBLIC_KEY_LOCATION",
                "JWT_ISSUER"],
    },
    # The one endpoint: Hive Gateway over both apps (gateway/Dockerfile, docs/federation.md).
    "gateway": {
        "port": 4000,
        "port_env": "GATEWAY_PORT",
        "image": "cqrs-shop/gateway:0.1.0",
        "needs": ["command-app", "query-app"],
        "env": ["COMMAND_APP_URL", "QUERY_APP_URL", "GATEWAY_PORT"],
    },
}
# Variables holding an app's base URL, and the app they must name.
app_urls = {"COMMAND_APP_URL": "command-app", "QUERY_APP_URL": "query-app"}


def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):  # KEY=VALUE items
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def volume_sources(service):
    """(source, is_bind) for each mount, in either output format of docker-compose config."""
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            yield volume.get("source"), volume.get("type") == "bind"
        else:
            parts = str(volume).split(":")
            if len(parts) == 1:  # anonymous volume
                yield None, False
            else:
                yield parts[0], parts[0].startswith(("/", ".", "~"))


# docker-compose 1.29 refuses it, newer ones accept it: keep the file portable to both.
check("name" not in (raw or {}), "no top-level `name:` (docker-compose 1.29 rejects it)")

for name in infrastructure + list(apps):
    check(name in services, f"service {name} is defined")

for name, service in sorted(services.items()):
    health = service.get("healthcheck") or {}
    test = health.get("test")
    test = test if isinstance(test, list) else [test] if test else []
    check(bool(test) and test[0] != "NONE" and not health.get("disable"),
          f"{name} has a healthcheck")
    depends = service.get("depends_on") or {}
    if isinstance(depends, list):  # short form: no condition at all
        depends = {dependency: {} for dependency in depends}
    for dependency, options in sorted(depends.items()):
        check((options or {}).get("condition") == "service_healthy",
              f"{name} waits for {dependency} with condition service_healthy")
    for source, is_bind in volume_sources(service):
        # The one host file allowed: the development public key that verifies local bearer tokens.
        check(not is_bind or str(source).endswith("dev/jwt/public.pem"), f"{name} mounts no host path ({source})")
        if source and not is_bind:
            check(source in declared_volumes, f"{name} uses declared named volume {source}")

for name in ["postgres", "mongodb", "rabbitmq"]:
    sources = [source for source, is_bind in volume_sources(services.get(name, {})) if source and not is_bind]
    check(bool(sources), f"{name} keeps its data in a named volume")

# The query-app declares an x-consistent-hash exchange (docs/adr/0009), which the broker has only
# with the plugin; the image's own command must still start the server.
broker = services.get("rabbitmq", {})
command = broker.get("command") or []
command = " ".join(command) if isinstance(command, list) else str(command)
check("rabbitmq-plugins enable --offline rabbitmq_consistent_hash_exchange" in command
      and command.endswith("exec docker-entrypoint.sh rabbitmq-server"),
      "rabbitmq enables rabbitmq_consistent_hash_exchange, then starts through the image's entrypoint")

for name, spec in apps.items():
    service = services.get(name)
    if service is None:
        continue
    depends = service.get("depends_on") or {}
    for dependency in spec["needs"]:
        check(dependency in depends, f"{name} depends on {dependency}")
    env = environment(service)
    missing = [key for key in spec["env"] if env.get(key) in (None, "")]
    check(not missing, f"{name} environment sets {', '.join(spec['env'])}"
          + (f" (missing or empty: {', '.join(missing)})" if missing else ""))
    # Host names must be services of this file, or the app cannot reach them.
    hosts = {key: env[key] for key in ("POSTGRES_HOST", "RABBITMQ_HOST") if env.get(key)}
    hosts.update({key: urlsplit(env[key]).hostname for key in ("MONGODB_URI", "REDIS_URL", *app_urls) if env.get(key)})
    for key, host in sorted(hosts.items()):
        check(host in services, f"{name} {key} points at a service ({host})")
    # An app's URL must name that app, on the port it listens on.
    for key, target in sorted(app_urls.items()):
        if env.get(key):
            url = urlsplit(env[key])
            check(url.hostname == target and url.port == apps[target]["port"],
                  f"{name} {key} is the {target} on its port {apps[target]['port']} ({env[key]})")
    check(str(env.get(spec["port_env"])) == str(spec["port"]),
          f"{name} listens on {spec['port']} ({spec['port_env']})")
    targets = []
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            targets.append(int(port.get("target", 0)))
        else:
            targets.append(int(str(port).rsplit(":", 1)[-1].split("/")[0]))
    check(spec["port"] in targets, f"{name} publishes container port {spec['port']}")
    check(service.get("image") == spec["image"], f"{name} image is {spec['image']}")
    build = service.get("build") or {}
    context = build.get("context") if isinstance(build, dict) else build
    dockerfile = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
    path = os.path.join(os.path.join(root, context or ""), dockerfile)
    check(bool(context) and os.path.isfile(path),
          f"{name} builds from an existing Dockerfile ({os.path.relpath(path, root)})")
    # Configuration by environment only; the one file is the development public key, read-only.
    mounts = [source for source, _ in volume_sources(service)]
    check(all(source and source.endswith("dev/jwt/public.pem") for source in mounts),
          f"{name} mounts nothing but the development public key (configuration by environment only)")

# The README's Deploy section promises ports and credential variables; they must be this file's.
import re
readme = open(os.path.join(root, "README.md")).read()
section = readme.split("**Docker Compose**", 1)[-1].split("**Helm**", 1)[0]
published = set()
for service in services.values():
    for port in service.get("ports") or []:
        published.add(int(port.get("published", 0)) if isinstance(port, dict) else int(str(port).split(":")[-2]))
for port in sorted({int(p) for p in re.findall(r"on :(\d+)", section)}):
    check(port in published, f"README: port {port} is published")
raw_text = open(raw_path).read()
for variable in sorted(set(re.findall(r"`([A-Z][A-Z_]+)`", section))):
    check("${" + variable in raw_text, f"README: {variable} is read by the file")

print(f"compose: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
