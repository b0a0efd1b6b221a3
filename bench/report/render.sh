#!/usr/bin/env bash
# Turns a results JSON into <out-dir>/summary.md and PNG charts:
#
#   bench/report/render.sh bench/results/latest.json bench/results
#
# Fetches JFreeChart from Maven Central into bench/.work/lib once. The summary is written even
# when the charts fail (it links only the charts that exist), but the exit status tells.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 <results.json> <out-dir>" >&2; exit 2; }
results=$1 out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/bench/.work/lib/jfreechart-1.5.5.jar

mkdir -p "$out"
charts=0
if [[ ! -f $jar ]]; then
  (cd "$root" && ./mvnw -q -B dependency:copy -Dartifact=org.jfree:jfreechart:1.5.5 \
    -DoutputDirectory=bench/.work/lib) || charts=$?
fi
# Charts drawn anew each time, so a chart whose data left the results does not linger.
rm -f "$out"/latency-vs-load.png "$out"/throughput-vs-load.png "$out"/lag-over-time.png
if [[ $charts -eq 0 ]]; then
  java -Djava.awt.headless=true -cp "$jar" "$root/bench/report/Charts.java" "$results" "$out" || charts=$?
fi
[[ $charts -eq 0 ]] || echo "render.sh: charts failed ($charts); writing the summary without them" >&2
node "$root/bench/report/report.mjs" "$results" "$out"
exit "$charts"
