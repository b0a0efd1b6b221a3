#!/usr/bin/env bash
# Starts Hive Gateway on GATEWAY_PORT (4000) over the subgraphs at COMMAND_APP_URL and QUERY_APP_URL,
# after gateway/setup.sh has installed it and composed the supergraph for those URLs into
# SUPERGRAPH (gateway/supergraph.graphql).
set -euo pipefail
export SUPERGRAPH=${SUPERGRAPH:-supergraph.graphql}
source "$(dirname "$0")/setup.sh" "$SUPERGRAPH"
# GATEWAY_NODE_FLAGS passes flags to node that NODE_OPTIONS refuses, such as bench/profile.sh's --cpu-prof.
# shellcheck disable=SC2086
exec node ${GATEWAY_NODE_FLAGS:-} node_modules/.bin/hive-gateway supergraph "$SUPERGRAPH"
