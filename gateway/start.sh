#!/bin/sh
# Starts Hive Gateway where its npm packages are installed already: the image (gateway/Dockerfile)
# runs this. It composes the supergraph for COMMAND_APP_URL and QUERY_APP_URL into SUPERGRAPH
# (default /tmp/supergraph.graphql, writable for a non-root user), then hands the process over to
# hive-gateway, which serves on GATEWAY_PORT (4000) and stops gracefully on SIGTERM.
# For a local run, which also installs the packages, use gateway/run.sh.
set -eu
cd "$(dirname "$0")"
export SUPERGRAPH="${SUPERGRAPH:-/tmp/supergraph.graphql}"
node compose.mjs "$SUPERGRAPH"
exec node_modules/.bin/hive-gateway supergraph "$SUPERGRAPH"
