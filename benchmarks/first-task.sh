#!/usr/bin/env bash
# A new pool's first-task delay (FirstTaskDelay) with and without the agent, with and without a
# recording: RUNS fresh JVMs per configuration, the configurations alternating, then per configuration
# the median, lowest and highest of each measure and the median's increase over the configuration
# without the agent (baseline for the agent without a recording, baseline-jfr for the agent with one).
#   benchmarks/first-task.sh                                   # JDK 17, 21 JVMs per configuration
#   JDK=/usr/lib/jvm/temurin-25-jdk-amd64 RUNS=15 benchmarks/first-task.sh
#   MAIN=dev.taskflight.benchmarks.overhead.FirstRequest benchmarks/first-task.sh   # a Tomcat's first request
#   MAIN=dev.taskflight.benchmarks.overhead.FirstCoroutineDelay benchmarks/first-task.sh   # a first coroutine
#   AGENT2=/tmp/before/taskflight-agent.jar benchmarks/first-task.sh   # adds agent2-off and agent2-production:
#                                                                      # two agent builds, alternating
# MAIN prints lines "<measure>-us <microseconds>"; results go to benchmarks/target/first-task/<simple name>/<jdk>.
# Uses agent/target/taskflight-agent.jar and benchmarks/target/benchmarks.jar as built (copied first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
RUNS=${RUNS:-21}
CONFIGS="baseline agent-off baseline-jfr agent-production"
MAIN=${MAIN:-dev.taskflight.benchmarks.overhead.FirstTaskDelay}
OUT=${OUT:-$ROOT/benchmarks/target/first-task/${MAIN##*.}}
JAVA=$JDK/bin/java
V=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
DIR=$OUT/$V
rm -rf "$DIR"
mkdir -p "$DIR/jars"
cp "$ROOT/benchmarks/target/benchmarks.jar" "$ROOT/agent/target/taskflight-agent.jar" "$DIR/jars/"
# shellcheck source=benchmarks/configs.sh
. "$ROOT/benchmarks/configs.sh"
AGENT2=${AGENT2:-}
if [ -n "$AGENT2" ]; then
  mkdir -p "$DIR/jars/agent2"
  cp "$AGENT2" "$DIR/jars/agent2/taskflight-agent.jar"
  configs "$DIR/jars/agent2/taskflight-agent.jar" "$ROOT/settings" "$DIR"
  AGENT2_OFF=${CONFIG[agent-off]}
  AGENT2_PRODUCTION=${CONFIG[agent-production]}
  CONFIGS="baseline agent-off agent2-off baseline-jfr agent-production agent2-production"
fi
configs "$DIR/jars/taskflight-agent.jar" "$ROOT/settings" "$DIR"
if [ -n "$AGENT2" ]; then
  CONFIG[agent2-off]=$AGENT2_OFF
  CONFIG[agent2-production]=$AGENT2_PRODUCTION
fi

echo "before $(uptime)" > "$DIR/load.txt"
for R in $(seq 1 "$RUNS"); do
  for C in $CONFIGS; do
    # shellcheck disable=SC2086
    "$JAVA" ${CONFIG[$C]} -cp "$DIR/jars/benchmarks.jar" "$MAIN" \
      2> "$DIR/$R-$C.err" | awk -v c="$C" '$1 ~ /-us$/ {print c, $1, $2}' >> "$DIR/all.txt"
    rm -f "$DIR"/*.jfr
  done
done
echo "after $(uptime)" >> "$DIR/load.txt"

# config measure median lowest highest (microseconds), and the median's increase over its reference
sort -k1,1 -k2,2 -k3,3n "$DIR/all.txt" | awk '
  { key = $1 " " $2; v[key, ++n[key]] = $3 }
  END {
    for (key in n) { m = n[key]; med[key] = v[key, int((m + 1) / 2)]; lo[key] = v[key, 1]; hi[key] = v[key, m] }
    for (key in n) {
      split(key, p, " "); ref = p[1] ~ /^agent2?-off$/ ? "baseline" : p[1] ~ /^agent2?-production$/ ? "baseline-jfr" : ""
      inc = ref == "" ? "" : sprintf("%+.1f ms over %s", (med[key] - med[ref " " p[2]]) / 1000, ref)
      printf "%-17s %-18s median %8.1f ms  (lowest %.1f, highest %.1f, %d JVMs)  %s\n", p[1], p[2], med[key] / 1000, lo[key] / 1000, hi[key] / 1000, n[key], inc
    }
  }' | sort -k2,2 -k1,1 | tee "$DIR/summary.txt"
cat "$DIR/load.txt"
