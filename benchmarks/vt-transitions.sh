#!/usr/bin/env bash
# What a virtual thread's trip through its scheduler costs under a Java agent, JDK 21+ (VirtualThreadCycle:
# a yield on one carrier, and a start+join from the main thread), in fresh JVMs, JVMS per configuration,
# interleaved, then a table of the medians over the JVMs. Configurations:
#   plain             no agent, no recording
#   noop-agent        a Java agent that does nothing (NoopAgent): what the JVM does for any agent
#   agent-off         Taskflight's agent, no recording
#   jfr               JFR's default recording, no agent
#   noop-agent-jfr    the agent that does nothing, with JFR's default recording: both environments
#   agent-dormant-jfr Taskflight's agent with JFR's default recording and Taskflight's events off
#                     (default + taskflight-off.jfc): its hooks, with its recorder dormant
#   agent-production  Taskflight's agent with the production profile (default + taskflight.jfc)
# (CONFIGS="jfr agent-production" runs some of them), and, with NOTRANS=1 (the default), all but plain again with
# -XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions (suffix -notrans): JFR's recording
# turns the transitions on too (JFR instruments its event classes through a JVMTI environment of its own).
# The flag is here to measure what the transitions cost, never as advice: a JVM with it, a JFR recording and
# virtual threads sleeping inside synchronized blocks hung (docs/agent.md).
#   benchmarks/vt-transitions.sh                       # JDK 25 at /usr/lib/jvm/temurin-25-jdk-amd64, 3 JVMs each
#   JDK=/path/to/jdk-21 JVMS=5 benchmarks/vt-transitions.sh
# Uses benchmarks/target/benchmarks.jar (and its classes for the no-op agent's jar) and agent/target/taskflight-agent.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JDK=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
JVMS=${JVMS:-3}
NOTRANS=${NOTRANS:-1}
OUT=${OUT:-$ROOT/benchmarks/target/vt-transitions}
AGENT=${AGENT:-$ROOT/agent/target/taskflight-agent.jar}
JAVA=$JDK/bin/java
mkdir -p "$OUT/noop" "$OUT/agent"
rm -f "$OUT"/*.txt "$OUT"/*.err "$OUT"/*.jfr
cp "$ROOT/benchmarks/target/benchmarks.jar" "$OUT/"
cp "$AGENT" "$OUT/agent/taskflight-agent.jar"   # its Boot-Class-Path names itself: keep the name
printf 'Premain-Class: dev.taskflight.benchmarks.overhead.NoopAgent\n' > "$OUT/noop/manifest.txt"
"$JDK/bin/jar" --create --file "$OUT/noop/noop-agent.jar" --manifest "$OUT/noop/manifest.txt" \
  -C "$ROOT/benchmarks/target/classes" dev/taskflight/benchmarks/overhead/NoopAgent.class

# shellcheck source=benchmarks/configs.sh
. "$ROOT/benchmarks/configs.sh"
NO_TRANSITIONS="-XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions"
recordings "$ROOT/settings" "$OUT"   # PROD, JFR and OFF, as side-by-side.sh records
declare -A CONFIG=(
  [plain]=""
  [noop-agent]="-javaagent:$OUT/noop/noop-agent.jar"
  [agent-off]="-javaagent:$OUT/agent/taskflight-agent.jar"
  [jfr]="$JFR"
  [noop-agent-jfr]="-javaagent:$OUT/noop/noop-agent.jar $JFR"
  [agent-dormant-jfr]="-javaagent:$OUT/agent/taskflight-agent.jar $OFF"
  [agent-production]="-javaagent:$OUT/agent/taskflight-agent.jar $PROD"
)
read -r -a CS <<< "${CONFIGS:-plain noop-agent agent-off jfr noop-agent-jfr agent-dormant-jfr agent-production}"
if [ "$NOTRANS" = 1 ]; then
  for C in "${CS[@]}"; do
    if [ "$C" != plain ]; then
      CONFIG[$C-notrans]="$NO_TRANSITIONS ${CONFIG[$C]}"
      CS+=("$C-notrans")
    fi
  done
fi

K=${#CS[@]}
for I in $(seq 1 "$JVMS"); do
  for J in $(seq 0 $((K - 1))); do
    X=$(interleaved "$I" "$J" "$K")
    C=${CS[$X]}
    echo "== JVM $I $C" >&2
    # shellcheck disable=SC2086 # CONFIG is a word list
    if ! "$JAVA" ${CONFIG[$C]} -Djdk.virtualThreadScheduler.parallelism=1 -cp "$OUT/benchmarks.jar" \
        dev.taskflight.benchmarks.overhead.VirtualThreadCycle > "$OUT/$I-$C.txt" 2> "$OUT/$I-$C.err"; then
      echo "JVM $I $C failed: see $OUT/$I-$C.err and $OUT/$I-$C.txt" >&2
      exit 1
    fi
    rm -f "$OUT"/*.jfr
  done
done

{
  echo "| configuration | yield, ns | start+join, ns | main thread's CPU per start+join, ns | main thread's waits per start+join |"
  echo "|---|---:|---:|---:|---:|"
  for C in "${CS[@]}"; do
    # each JVM's file by its exact name: a pattern such as *-jfr.txt would also take noop-agent-jfr's
    for I in $(seq 1 "$JVMS"); do cat "$OUT/$I-$C.txt"; done | awk -v c="$C" '$1 == "cycle" { y[n] = $2; p[n] = $3; u[n] = $4; w[n] = $5; n++ }
      function med(a,   i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
      END { if (n == 0) { print "no cycle line for " c > "/dev/stderr"; exit 1 }
        printf "| `%s` | %.0f | %.0f | %.0f | %.2f |\n", c, med(y), med(p), med(u), med(w) }'
  done
} | tee "$OUT/summary.md"
