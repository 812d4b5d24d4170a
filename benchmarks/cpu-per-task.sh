#!/usr/bin/env bash
# CPU time per task of the servers' and event loops' workloads (CpuPerTask) under two or more
# configurations in alternation, one JVM each, with the load average before and after each run; then
# per round and workload, each configuration's increase in CPU per task over the first configuration.
#   benchmarks/cpu-per-task.sh                                     # JDK 17, 3 rounds
#   JDK=/usr/lib/jvm/temurin-25-jdk-amd64 ROUNDS=2 benchmarks/cpu-per-task.sh
# Uses agent/target/taskflight-agent.jar and benchmarks/target/benchmarks.jar as built (copied first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
CONFIGS=${CONFIGS:-"baseline-jfr agent-production"}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-$ROOT/benchmarks/target/cpu-per-task}
JAVA=$JDK/bin/java
V=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
DIR=$OUT/$V
mkdir -p "$DIR/jars"
cp "$ROOT/benchmarks/target/benchmarks.jar" "$ROOT/agent/target/taskflight-agent.jar" "$DIR/jars/"
# shellcheck source=benchmarks/configs.sh
. "$ROOT/benchmarks/configs.sh"
configs "$DIR/jars/taskflight-agent.jar" "$ROOT/settings" "$DIR"

for R in $(seq 1 "$ROUNDS"); do
  for C in $CONFIGS; do
    echo "== JDK $V round $R $C" >&2
    echo "$R $C before $(uptime)" >> "$DIR/load.txt"
    # shellcheck disable=SC2086
    "$JAVA" ${CONFIG[$C]} -cp "$DIR/jars/benchmarks.jar" dev.taskflight.benchmarks.overhead.CpuPerTask \
      > "$DIR/$R-$C.txt" 2> "$DIR/$R-$C.err"
    echo "$R $C after $(uptime)" >> "$DIR/load.txt"
    rm -f "$DIR"/*.jfr
  done
done

# round workload config ns-per-task(median lowest highest) increase-over-first-config
FIRST=${CONFIGS%% *}
for R in $(seq 1 "$ROUNDS"); do
  for C in $CONFIGS; do
    awk -v r="$R" -v c="$C" 'NF == 4 && $2 ~ /^[0-9]/ {print r, $1, c, $2, $3, $4}' "$DIR/$R-$C.txt"
  done
done | compare_rounds "$FIRST" 1 | tee "$DIR/summary.txt"
cat "$DIR/load.txt"
