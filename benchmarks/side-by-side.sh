#!/usr/bin/env bash
# The figure of record for recording overhead: SideBySide's workloads in whole JVMs, JVMS per
# configuration, interleaved (round i runs every configuration once, in an order rotated by i and
# reversed in every other round, so that none always runs first or right after the same one), with the
# load average before and after each JVM; then SideBySideReport's table (summary.md): per workload and
# configuration the JVMs' median tasks/s, spread, CPU per task and change against the reference
# (jfr for the agent's recordings, agent-dormant and micrometer, plain for jfr and agent-off), also paired by round.
# agent-dormant: the agent under JFR's default recording with every Taskflight event off (taskflight-off.jfc).
#   benchmarks/side-by-side.sh                                        # JDK 17, 5 JVMs per configuration
#   JDK=/usr/lib/jvm/temurin-25-jdk-amd64 WORKLOADS="virtualThreadRequests forkJoinFine" benchmarks/side-by-side.sh
#   AGENT2=/tmp/before/taskflight-agent.jar benchmarks/side-by-side.sh  # adds agent2-production: two agent builds
#   AGENT2=agent/target/taskflight-agent.jar AGENT2_OPTS=-Dtaskflight.watchdog.periodMillis=200 benchmarks/side-by-side.sh
# Env: JDK, WORKLOADS, CONFIGS, JVMS, OUT, AGENT, AGENT2, and WARMUP (s), ROUNDS, ROUND_MILLIS for
# SideBySide; JVM_OPTS: more options for every configuration's JVM alike; AGENT2_OPTS: more options for
# agent2-production alone (the same agent with a setting changed). Uses benchmarks/target/benchmarks.jar and the agent jar(s) as built (copied first).
# Several runs (each with its own OUT) are pooled by SideBySideReport given all their directories:
#   java -cp benchmarks/target/benchmarks.jar dev.taskflight.benchmarks.overhead.SideBySideReport OUT1/17 OUT2/17 ...
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
WORKLOADS=${WORKLOADS:-"threadPoolRequests forkJoinFine tomcatRequests nettyLoopTasks"}
CONFIGS=${CONFIGS:-"plain jfr agent-off agent-production agent-trace micrometer"}
JVMS=${JVMS:-5}
OUT=${OUT:-$ROOT/benchmarks/target/side-by-side}
AGENT=${AGENT:-$ROOT/agent/target/taskflight-agent.jar}
AGENT2=${AGENT2:-}
JAVA=$JDK/bin/java
V=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
DIR=$OUT/$V
mkdir -p "$DIR/jars/agent"
rm -f "$DIR"/*.txt "$DIR"/*.err "$DIR"/*.jfr "$DIR/summary.md"
# Each agent keeps its name in a directory of its own: the jar's Boot-Class-Path names
# taskflight-agent.jar next to itself, so a renamed copy would run the other agent's classes.
cp "$ROOT/benchmarks/target/benchmarks.jar" "$DIR/jars/"
cp "$AGENT" "$DIR/jars/agent/taskflight-agent.jar"
AGENT2_JAR=
if [ -n "$AGENT2" ]; then
  mkdir -p "$DIR/jars/agent2"
  cp "$AGENT2" "$DIR/jars/agent2/taskflight-agent.jar"
  AGENT2_JAR=$DIR/jars/agent2/taskflight-agent.jar
  case " $CONFIGS " in *" agent2-production "*) ;; *) CONFIGS="$CONFIGS agent2-production" ;; esac
fi
# shellcheck source=benchmarks/configs.sh
. "$ROOT/benchmarks/configs.sh"
side_by_side_configs "$DIR/jars/agent/taskflight-agent.jar" "$AGENT2_JAR" "$ROOT/settings" "$DIR"
read -r -a CS <<< "$CONFIGS"
for C in "${CS[@]}"; do
  [ -n "${CONFIG[$C]+set}" ] || { echo "unknown configuration $C: one of ${!CONFIG[*]}" >&2; exit 1; }
done
# The tasks' work is Blackhole.consumeCPU, kept out of the tasks' own code so that the tasks and
# SideBySide's measure of the work alone run the same compiled loop (see SideBySide.workNanos).
OPTS=(-XX:CompileCommand=quiet -XX:CompileCommand=dontinline,org.openjdk.jmh.infra.Blackhole::consumeCPU)
# JMH's Blackhole (the tasks' CPU work) uses sun.misc.Unsafe: keep JDK 24+'s warning about it out of the .err files.
[ "${V%%.*}" -lt 24 ] || OPTS+=("--sun-misc-unsafe-memory-access=allow")
[ -z "${WARMUP:-}" ] || OPTS+=("-Dbench.warmup=$WARMUP")
[ -z "${ROUNDS:-}" ] || OPTS+=("-Dbench.rounds=$ROUNDS")
[ -z "${ROUND_MILLIS:-}" ] || OPTS+=("-Dbench.roundMillis=$ROUND_MILLIS")
# shellcheck disable=SC2206 # a word list
[ -z "${JVM_OPTS:-}" ] || OPTS+=($JVM_OPTS)

K=${#CS[@]}
for I in $(seq 1 "$JVMS"); do
  for J in $(seq 0 $((K - 1))); do
    X=$(interleaved "$I" "$J" "$K")
    C=${CS[$X]}
    echo "== JDK $V JVM $I $C" >&2
    echo "$I $C before $(uptime)" >> "$DIR/load.txt"
    # shellcheck disable=SC2086 # CONFIG and WORKLOADS are word lists
    if ! "$JAVA" ${CONFIG[$C]} "${OPTS[@]}" -cp "$DIR/jars/benchmarks.jar" dev.taskflight.benchmarks.overhead.SideBySide \
        $WORKLOADS > "$DIR/$I-$C.txt" 2> "$DIR/$I-$C.err"; then
      echo "JVM $I $C failed: see $DIR/$I-$C.err and $DIR/$I-$C.txt" >&2
      exit 1
    fi
    echo "$I $C after $(uptime)" >> "$DIR/load.txt"
    rm -f "$DIR"/*.jfr
  done
done

"$JAVA" -cp "$DIR/jars/benchmarks.jar" dev.taskflight.benchmarks.overhead.SideBySideReport "$DIR"
cat "$DIR/load.txt"
