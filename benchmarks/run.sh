#!/usr/bin/env bash
# Runs the overhead suite on JDK 17 and JDK 25 and prints the table of BENCHMARKS.md.
#   benchmarks/run.sh            # the whole suite, about 19 minutes on 2 cores
#   JDKS="/usr/lib/jvm/temurin-25-jdk-amd64" benchmarks/run.sh   # one JDK
# Builds jfr-events, recorder and benchmarks first (offline if the repository is warm).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
JMH_OPTS=${JMH_OPTS:-"-f 2 -wi 3 -i 4 -w 1s -r 1s"}
OUT=${OUT:-$ROOT/benchmarks/target/results}

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -ntp -q -o -pl agent -am install -DskipTests
  mvn -B -ntp -q -o -pl benchmarks package
fi
JAR=$ROOT/benchmarks/target/benchmarks.jar
AGENT=$ROOT/agent/target/taskflight-agent.jar
# The servers' pools and Netty's and Kotlin's schedulers have no library form: agent configurations only.
AGENT_ONLY='OverheadBenchmark\.(tomcatRequests|jettyRequests|jbossThreadsRequests|nettyLoopTasks|coroutineTasks)$'
SETTINGS=$ROOT/settings
# shellcheck source=benchmarks/configs.sh
. "$ROOT/benchmarks/configs.sh"
rm -rf "$OUT"

for JDK in $JDKS; do
  JAVA=$JDK/bin/java
  V=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  mkdir -p "$OUT/$V"
  BENCH='OverheadBenchmark'
  if [ "$V" -lt 21 ]; then BENCH='OverheadBenchmark\.(forkJoinFine|threadPoolRequests|tomcatRequests|jettyRequests|jbossThreadsRequests|nettyLoopTasks|coroutineTasks|mixed)$'; fi
  configs "$AGENT" "$SETTINGS" "$OUT/$V"
  for C in baseline baseline-jfr library-off library-production library-trace agent-off agent-production agent-trace; do
    echo "== JDK $V $C" >&2
    EXCLUDE=()
    case $C in baseline*|agent-*) ;; *) EXCLUDE=(-e "$AGENT_ONLY") ;; esac
    for ATTEMPT in $(seq 1 60); do # JMH runs one instance at a time (/tmp/jmh.lock): wait for others
      # shellcheck disable=SC2086
      if "$JAVA" -jar "$JAR" "$BENCH" "${EXCLUDE[@]}" $JMH_OPTS -jvm "$JAVA" -jvmArgsAppend "${CONFIG[$C]}" \
          -rf csv -rff "$OUT/$V/$C.csv" > "$OUT/$V/$C.log" 2>&1; then break; fi
      grep -q "Unable to acquire the JMH lock" "$OUT/$V/$C.log" || { echo "failed: see $OUT/$V/$C.log" >&2; exit 1; }
      echo "   another JMH run holds /tmp/jmh.lock; waiting" >&2; sleep 10
    done
    rm -f "$OUT/$V"/*.jfr
  done
  echo "== JDK $V per-poll cost" >&2
  for C in library-off library-production library-trace; do
    # shellcheck disable=SC2086
    "$JAVA" -jar "$JAR" PollPathBenchmark -f 1 -wi 3 -i 4 -w 1s -r 1s -jvm "$JAVA" -jvmArgsAppend "${CONFIG[$C]}" \
      2>/dev/null | awk -v c="$C" '/^PollPathBenchmark/ {print c, $1, $4, "±", $6, $7}' >> "$OUT/$V/pollpath.txt"
    rm -f "$OUT/$V"/*.jfr
  done
  echo "== JDK $V recording sizes" >&2
  "$JAVA" -cp "$JAR" dev.taskflight.benchmarks.overhead.RecordingSizes > "$OUT/$V/sizes.txt"
  "$JAVA" -cp "$JAR" dev.taskflight.benchmarks.overhead.EventSizeBreakdown >> "$OUT/$V/sizes.txt" 2>/dev/null
  echo "== JDK $V watchdog" >&2
  for P in 2 5; do
    "$JAVA" -Dtaskflight.watchdog.periodMillis=$P -cp "$JAR" dev.taskflight.benchmarks.overhead.WatchdogCost >> "$OUT/$V/sizes.txt" 2>/dev/null
  done
done

"${JAVA:-java}" -cp "$JAR" dev.taskflight.benchmarks.overhead.OverheadReport "$OUT"
for D in "$OUT"/*/; do echo "### Per-poll cost, JDK $(basename "$D")"; echo; echo '```'; cat "$D/pollpath.txt"; echo '```'; echo; done
for D in "$OUT"/*/; do echo "### Recording sizes, JDK $(basename "$D")"; echo; echo '```'; cat "$D/sizes.txt"; echo '```'; echo; done
