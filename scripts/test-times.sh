#!/usr/bin/env bash
# Where a test run spent its time: each Maven module's time from the reactor summary of a Maven
# log, and the slowest test classes from the Surefire and Failsafe reports of every module.
# Plain bash and awk, because a bare CI machine has nothing else for certain.
#
# Usage: scripts/test-times.sh [maven-log] [how-many-classes]   (defaults: no log, 10)
set -uo pipefail
cd "$(dirname "$0")/.."

maven_log="${1:-}"
slowest="${2:-10}"

echo "== Time per Maven module =="
if [[ -n "$maven_log" && -f "$maven_log" ]]; then
  # The summary sits between "Reactor Summary" and the next rule; Maven prints it also when a module fails.
  awk '
    /Reactor Summary/ { inside = 1; next }
    inside && /-----------/ { inside = 0 }
    inside { sub(/^\[INFO\] ?/, ""); if ($0 != "") print "  " $0 }
    /Total time:/ { sub(/^\[INFO\] ?/, ""); total = $0 }
    END { if (total != "") print "  " total }
  ' "$maven_log"
else
  echo "  (no Maven log to read)"
fi

echo "== Slowest ${slowest} test classes (seconds, class, report) =="
# Each report file is one class; its <testsuite> tag holds the class name and the time it took.
# Only this run's reports, when scripts/test.sh marked its start: a worktree keeps older ones.
newer=()
if [[ -n "$maven_log" && -f "$maven_log.started" ]]; then
  newer=(-newer "$maven_log.started")
fi
reports=$(find . -path ./node_modules -prune -o \
  \( -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml' \) \
  "${newer[@]}" -print 2>/dev/null)
if [[ -z "$reports" ]]; then
  echo "  (no test reports found)"
  exit 0
fi
for report in $reports; do
  kind=$(basename "$(dirname "$report")")
  module=${report#./}
  module=${module%%/target/*}
  # The tag may span lines in some writers; join the first few lines before matching it.
  head -c 4096 "$report" | tr '\n' ' ' | grep -o '<testsuite [^>]*>' | head -1 | awk -v kind="$kind" -v module="$module" '
    {
      name = ""; time = ""
      if (match($0, / name="[^"]*"/)) name = substr($0, RSTART + 7, RLENGTH - 8)
      if (match($0, / time="[^"]*"/)) time = substr($0, RSTART + 7, RLENGTH - 8)
      gsub(/,/, "", time)
      if (name != "" && time != "") printf "%10.1f  %s  (%s, %s)\n", time, name, module, kind
    }'
done | sort -rn | head -n "$slowest"
