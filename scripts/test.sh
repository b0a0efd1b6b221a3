#!/usr/bin/env bash
# Runs every test: prepares the local services, then builds and verifies all modules, including
# the system tests that start both packaged apps. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/services.sh
./mvnw -B verify "$@"
