#!/usr/bin/env bash
# Installs the gateway's npm packages (Hive Gateway, the composition library, GraphQL Inspector)
# when they are missing or older than package-lock.json, then composes the supergraph from the
# committed subgraph schemas; a composition error fails (docs/federation.md).
#
#   gateway/setup.sh [OUT]      OUT defaults to gateway/supergraph.graphql
#   gateway/setup.sh --check    also fails on a breaking change to either app's schema that
#                               CHANGELOG.md does not acknowledge (check-breaking.mjs); the build runs this
#
# Needs Node.js 20 or newer; where apt offers only an older one, npm's `node` package (from the
# npm registry) supplies it.
set -euo pipefail
cd "$(dirname "$0")"

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if ! command -v npm >/dev/null; then
  [[ $(id -u) == 0 ]] || { echo "gateway: Node.js 20+ with npm is missing; install it and run again" >&2; exit 1; }
  echo "gateway: installing nodejs and npm with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
fi
if (( $(node_major || echo 0) < 20 )); then
  echo "gateway: Node.js $(node --version) is too old; taking Node.js 20 from the npm registry"
  npm install --prefix .node --no-audit --no-fund --loglevel=error node@20 >/dev/null
  export PATH=$PWD/.node/node_modules/.bin:$PATH
fi
if [[ ! -d node_modules || package-lock.json -nt node_modules ]]; then
  echo "gateway: installing Hive Gateway and the composition tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
if [[ ${1:-} == --check ]]; then
  node compose.mjs supergraph.graphql
  node check-breaking.mjs
else
  node compose.mjs "${1:-supergraph.graphql}"
fi
