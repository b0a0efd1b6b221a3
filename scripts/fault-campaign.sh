#!/usr/bin/env bash
# Runs the fault campaign (system-tests FaultCampaignIT) on its own: both apps under a steady load
# of commands while the command-app is killed, RabbitMQ stopped, the query-app killed mid-batch,
# MongoDB stopped and PostgreSQL restarted; then checks that nothing acknowledged or committed was
# lost or duplicated, and prints the figures. See system-tests/README.md.
#
#   scripts/fault-campaign.sh [light|full] [more Maven arguments]
#
# The full campaign is the default here (a few minutes); the light one is what `mvn verify` runs.
# RabbitMQ and PostgreSQL are the machine's own servers and are really stopped: run it when nothing
# else on the machine needs them for a minute, or add -Dfault.campaign.shared-servers=false.
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:-full}
if [[ $# -gt 0 ]]; then shift; fi

bash scripts/services.sh
# -am packages both apps first if they are out of date; only the campaign itself runs as a test.
./mvnw -B verify -pl system-tests -am \
  -Dit.test=FaultCampaignIT -Dfault.campaign="$size" \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
