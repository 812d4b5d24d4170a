#!/usr/bin/env bash
# Taskflight's recording toggled within one JVM while JFR's own recording runs throughout
# (RecordingToggle -Dbench.always=default,taskflight-off.jfc, toggling taskflight.jfc), in fresh JVMs,
# JVMS per configuration, interleaved:
#   agent  Taskflight's agent: the toggle starts and stops its recorder (dormant under taskflight-off.jfc)
#   plain  no agent: the same toggle, where it starts nothing but a second recording (the method's bias)
# Prints each JVM's "toggle" and "toggle-cpu" lines (groups, median, mean and standard error of the change in
# %, with Taskflight's recording against without), and keeps every round in $OUT.
#   benchmarks/toggle.sh                                   # JDK 25, virtualThreadRequests, 3 JVMs each, NGROUPS=50 groups of four rounds
#   JDK=/path/to/jdk-17 WORKLOAD=jettyRequests JVMS=4 NGROUPS=40 benchmarks/toggle.sh
# Uses benchmarks/target/benchmarks.jar and agent/target/taskflight-agent.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JDK=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
JVMS=${JVMS:-3}
NGROUPS=${NGROUPS:-50}
WORKLOAD=${WORKLOAD:-virtualThreadRequests}
OUT=${OUT:-$ROOT/benchmarks/target/toggle}
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.err
# shellcheck source=benchmarks/configs.sh
. "$ROOT/benchmarks/configs.sh"
declare -A CONFIG=([agent]="-javaagent:$ROOT/agent/target/taskflight-agent.jar" [plain]="")
CS=(agent plain)
K=${#CS[@]}
for I in $(seq 1 "$JVMS"); do
  for J in $(seq 0 $((K - 1))); do
    C=${CS[$(interleaved "$I" "$J" "$K")]}
    echo "== JVM $I $C" >&2
    # shellcheck disable=SC2086 # CONFIG is a word list
    if ! "$JDK/bin/java" ${CONFIG[$C]} -XX:CompileCommand=quiet -Dbench.always=default,taskflight-off.jfc \
        -Dbench.groups="$NGROUPS" -cp benchmarks/target/benchmarks.jar \
        dev.taskflight.benchmarks.overhead.RecordingToggle taskflight.jfc "$WORKLOAD" > "$OUT/$I-$C.txt" 2> "$OUT/$I-$C.err"; then
      echo "JVM $I $C failed: see $OUT/$I-$C.err" >&2
      exit 1
    fi
    grep -E '^toggle(-cpu)? ' "$OUT/$I-$C.txt" | sed "s/^/$I $C /"
  done
done
