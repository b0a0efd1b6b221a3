#!/usr/bin/env bash
# Runs every test: prepares the local services, then builds and verifies all modules, including
# the system tests that start both packaged apps. Extra arguments go to Maven
# (e.g. scripts/test.sh -pl common -am).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
./mvnw -B verify "$@"
