#!/usr/bin/env bash
# Runs every test: prepares the local services, then builds and verifies all modules, including
# the system tests that start both packaged apps; then checks the deployment paths as far as this
# machine can (docs/deployment.md). Extra arguments go to Maven and narrow the run to it
# (e.g. scripts/test.sh -pl common -am).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh

# Where the time went, printed also when a test fails, so that the CI log shows which modules and
# test classes push the run towards its 15-minute budget.
maven_log=target/ci-logs/maven.log
mkdir -p "$(dirname "$maven_log")"
touch "$maven_log.started"
trap 'bash scripts/test-times.sh "$maven_log" 10' EXIT

# The gateway's packages, and the supergraph composed from the committed subgraph schemas: a
# composition error, or a breaking change CHANGELOG.md does not acknowledge, fails the build here
# (docs/federation.md). GatewayIT runs the gateway.
bash gateway/setup.sh --check
./mvnw -B verify "$@" 2>&1 | tee "$maven_log"

if [[ $# -eq 0 ]]; then
  bash scripts/check-native.sh
  bash scripts/check-compose.sh
  bash scripts/check-helm.sh
  # The benchmark harness, a few seconds per scenario, so that it keeps working; nothing is judged.
  BENCH_SKIP_BUILD=1 bash bench/run.sh --smoke
fi
