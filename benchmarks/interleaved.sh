#!/usr/bin/env bash
# Runs OverheadBenchmark workloads under two or more configurations in alternation (A B A B ...), so
# that a change in the shared machine's load hits every configuration alike, and prints one line per
# round, workload and configuration with its loss against the first configuration of the same round.
#   benchmarks/interleaved.sh                          # the servers' and event loops' workloads, JDK 17
#   BENCH='OverheadBenchmark\.jettyRequests$' ROUNDS=2 JDK=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/interleaved.sh
# The load average (uptime) is recorded before and after each run. Needs agent/target/taskflight-agent.jar
# and benchmarks/target/benchmarks.jar (SKIP_BUILD=1 to use them as they are); both are copied to the
# output directory first, so a build during the run does not change what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
BENCH=${BENCH:-'OverheadBenchmark\.(tomcatRequests|jettyRequests|jbossThreadsRequests|nettyLoopTasks|coroutineTasks)$'}
CONFIGS=${CONFIGS:-"baseline-jfr agent-production"}
ROUNDS=${ROUNDS:-3}
JMH_OPTS=${JMH_OPTS:-"-f 2 -wi 5 -i 5 -w 1s -r 1s"}
OUT=${OUT:-$ROOT/benchmarks/target/interleaved}
RUNNER_OPTS=${RUNNER_OPTS:-} # options of the JMH runner's JVM, such as -Djmh.ignoreLock=true

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -ntp -q -o -pl agent -am install -DskipTests
  mvn -B -ntp -q -o -pl benchmarks package
fi
JAVA=$JDK/bin/java
V=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
DIR=$OUT/$V
mkdir -p "$DIR/jars"
cp "$ROOT/benchmarks/target/benchmarks.jar" "$ROOT/agent/target/taskflight-agent.jar" "$DIR/jars/"
JAR=$DIR/jars/benchmarks.jar
# shellcheck source=benchmarks/configs.sh
. "$ROOT/benchmarks/configs.sh"
configs "$DIR/jars/taskflight-agent.jar" "$ROOT/settings" "$DIR"

for R in $(seq 1 "$ROUNDS"); do
  for C in $CONFIGS; do
    echo "== JDK $V round $R $C" >&2
    echo "$R $C before $(uptime)" >> "$DIR/load.txt"
    for ATTEMPT in $(seq 1 60); do # JMH runs one instance at a time (/tmp/jmh.lock): wait for others
      # shellcheck disable=SC2086
      if "$JAVA" $RUNNER_OPTS -jar "$JAR" "$BENCH" $JMH_OPTS -jvm "$JAVA" -jvmArgsAppend "${CONFIG[$C]}" \
          -rf csv -rff "$DIR/$R-$C.csv" > "$DIR/$R-$C.log" 2>&1; then break; fi
      grep -q "Unable to acquire the JMH lock" "$DIR/$R-$C.log" || { echo "failed: see $DIR/$R-$C.log" >&2; exit 1; }
      echo "   another JMH run holds /tmp/jmh.lock; waiting" >&2; sleep 10
    done
    echo "$R $C after $(uptime)" >> "$DIR/load.txt"
    rm -f "$DIR"/*.jfr
  done
done

# round workload config score error loss-vs-first-config-of-the-round (for a time per operation, a
# slower one reads as a negative loss)
FIRST=${CONFIGS%% *}
for R in $(seq 1 "$ROUNDS"); do
  for C in $CONFIGS; do
    awk -F, -v r="$R" -v c="$C" 'NR > 1 {gsub(/"/, ""); n = $1; sub(/.*\./, "", n); print r, n, c, $5, $6}' "$DIR/$R-$C.csv"
  done
done | compare_rounds "$FIRST" -1 | tee "$DIR/summary.txt"
cat "$DIR/load.txt"
