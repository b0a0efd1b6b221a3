#!/usr/bin/env bash
# Startup of both apps to their first successful GraphQL answer, in each JVM flavour:
#   jvm17          the plain JVM package on JDK 17
#   jvm17-appcds   with an AppCDS archive (-Pappcds)
#   jvm25          the plain JVM package on JDK 25
#   jvm25-aot      with the JDK 25 AOT cache (-Paot)
# Each app is started RUNS times per flavour (default 5); reported are the median, min and max
# milliseconds from process start to the first `{ __typename }` answered with data, and the RSS
# after that answer. Writes bench/results/startup.json and bench/results/startup.md.
#
# Usage: bench/startup.sh [runs]     JDK25_HOME points at a JDK 25 (default: Temurin 25 under /usr/lib/jvm);
#   STARTUP_FLAVOURS="jvm17 ..." measures only those; STARTUP_SKIP_BUILD=1 takes jvm17 from the
#   packages already built; STARTUP_OUT is where the results go (bench/results).
# Results are written to $STARTUP_OUT/startup.json and startup.md.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
jdk17=${JDK17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=bench/.work
flavours=(${STARTUP_FLAVOURS:-jvm17 jvm17-appcds jvm25 jvm25-aot})
out=${STARTUP_OUT:-bench/results}
mkdir -p "$work" "$out"
wants() { [[ " ${flavours[*]} " == *" $1 "* ]]; }
if wants jvm25 || wants jvm25-aot; then
  [[ -x "$jdk25/bin/java" ]] || { echo "no JDK 25 at $jdk25 (set JDK25_HOME)" >&2; exit 1; }
fi

bash scripts/services.sh >/dev/null
# The apps refuse to start without a key to verify bearer tokens; the development one serves here.
export JWT_PUBLIC_KEY_LOCATION=file:$PWD/dev/jwt/public.pem

package() { # flavour jdk maven-args...
  local flavour=$1 jdk=$2
  shift 2
  echo "build:     $flavour" >&2
  JAVA_HOME=$jdk ./mvnw -B -q package -DskipTests -pl command-app,query-app,mongo-stand-in -am "$@"
  for app in command-app query-app; do
    rm -rf "${work:?}/$flavour/$app"
    mkdir -p "$work/$flavour"
    cp -a "$app/target/quarkus-app" "$work/$flavour/$app"
  done
}
if [[ ${STARTUP_SKIP_BUILD:-} == 1 ]]; then
  for app in command-app query-app; do
    rm -rf "${work:?}/jvm17/$app" && mkdir -p "$work/jvm17" && cp -a "$app/target/quarkus-app" "$work/jvm17/$app"
  done
else
  package jvm17 "$jdk17"
  if wants jvm17-appcds; then package jvm17-appcds "$jdk17" -Pappcds; fi
  if wants jvm25-aot; then package jvm25-aot "$jdk25" -Paot; fi
fi
if wants jvm25; then rm -rf "$work/jvm25" && cp -a "$work/jvm17" "$work/jvm25"; fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

mongo_port=$(free_port)
java -jar mongo-stand-in/target/mongo-stand-in.jar --port "$mongo_port" >"$work/mongo.log" 2>&1 &
mongo_pid=$!
trap 'kill $mongo_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$mongo_port") 2>/dev/null && break; sleep 0.1; done

# The bench's own exchange and queue, so that a run never feeds a locally running shop.
export EVENTS_EXCHANGE=cqrs-shop.bench.events PROJECTION_QUEUE=cqrs-shop.bench.projections
export MONGODB_URI="mongodb://127.0.0.1:$mongo_port" MONGODB_DATABASE=cqrs_shop_bench REDIS_KEY_PREFIX=cqrs-shop-bench:

# Prints "<milliseconds to first answer> <RSS in KiB after it>".
start_once() { # flavour app
  # Sized as the Helm chart's 768 MiB container limit, as bench/run.sh runs them: below 1792 MiB the
  # JVM picks the serial collector, as it would in that container.
  local flavour=$1 app=$2 java_bin options=(-XX:MaxRAM=768m) port pid started now
  case $flavour in
    jvm17) java_bin=$jdk17/bin/java ;;
    jvm17-appcds) java_bin=$jdk17/bin/java; options+=(-XX:SharedArchiveFile=app-cds.jsa) ;;
    jvm25) java_bin=$jdk25/bin/java ;;
    jvm25-aot) java_bin=$jdk25/bin/java; options+=(-XX:AOTCache=app.aot) ;;
  esac
  port=$(free_port)
  started=$(date +%s%N)
  (cd "$work/$flavour/$app" && QUARKUS_HTTP_PORT=$port exec "$java_bin" "${options[@]}" -jar quarkus-run.jar \
      >"../$app-$port.log" 2>&1) &
  pid=$!
  until curl -sf -m 1 -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' \
      "http://127.0.0.1:$port/graphql" | grep -q '"data"'; do
    if ! kill -0 $pid 2>/dev/null; then echo "$app ($flavour) exited; see $work/$flavour/$app-$port.log" >&2; exit 1; fi
    # Each try forks a curl: polled more often, the probe itself slows the start it measures.
    sleep 0.025
  done
  now=$(date +%s%N)
  local java_pid
  java_pid=$(pgrep -P $pid java || echo $pid)
  echo "$(( (now - started) / 1000000 )) $(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status")"
  kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true
}

results=()
for flavour in "${flavours[@]}"; do
  for app in command-app query-app; do
    times=() rss=()
    for _ in $(seq "$runs"); do
      read -r ms kib < <(start_once "$flavour" "$app")
      times+=("$ms") rss+=("$kib")
    done
    results+=("$(python3 - "$flavour" "$app" "${times[*]}" "${rss[*]}" <<'PY'
import json, statistics, sys
flavour, app, times, rss = sys.argv[1], sys.argv[2], list(map(int, sys.argv[3].split())), list(map(int, sys.argv[4].split()))
print(json.dumps({"flavour": flavour, "app": app, "runs": len(times), "startup_ms": {"median": statistics.median(times),
      "min": min(times), "max": max(times)}, "rss_mib_after_first_answer": round(statistics.median(rss) / 1024, 1)}))
PY
)")
    echo "${results[-1]}" >&2
  done
done

python3 - "$(uptime)" "$out" "${results[@]}" <<'PY' >"$out/startup.md"
import json, sys, datetime, platform, os
uptime, out, rows = sys.argv[1], sys.argv[2], [json.loads(r) for r in sys.argv[3:]]
report = {"measured_at": datetime.datetime.utcnow().isoformat() + "Z", "cpus": os.cpu_count(),
          "load": uptime.split("load average:")[-1].strip(), "results": rows}
json.dump(report, open(f"{out}/startup.json", "w"), indent=2)
print("# Startup to the first GraphQL answer\n")
print(f"Measured {report['measured_at']} on {report['cpus']} CPUs, load average {report['load']}; "
      f"median of {rows[0]['runs']} starts (min–max).\n")
print("| flavour | command-app | query-app | RSS after first answer (command / query) |")
print("| --- | --- | --- | --- |")
for flavour in dict.fromkeys(r["flavour"] for r in rows):
    c, q = (next(r for r in rows if r["flavour"] == flavour and r["app"] == a) for a in ("command-app", "query-app"))
    cell = lambda r: f"{r['startup_ms']['median']:.0f} ms ({r['startup_ms']['min']}–{r['startup_ms']['max']})"
    print(f"| {flavour} | {cell(c)} | {cell(q)} | {c['rss_mib_after_first_answer']} / {q['rss_mib_after_first_answer']} MiB |")
PY
cat "$out/startup.md"
