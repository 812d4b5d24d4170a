#!/usr/bin/env bash
# The CPU cost of the agent's metrics=prometheus exporter in production mode: the sample workload
# Healthy (two workers, ~700 tasks/s) runs RUNS times for SECONDS_RUN seconds under the agent without
# an exporter, RUNS times with stream=log (the same in-process stream and engine, no Micrometer), and
# RUNS times with metrics=prometheus (10 s intervals) scraped every 5 s; the process's user+system CPU
# time of each run is printed, and the median differences per second of run. Build first:
#   mvn -B -ntp -q -pl agent,sample-recordings -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_RUN=${SECONDS_RUN:-30}
RUNS=${RUNS:-3}
PORT=${PORT:-19464}
AGENT=agent/target/taskflight-agent.jar
CP=sample-recordings/target/classes
[ -f "$AGENT" ] && [ -d "$CP" ] || { echo "build first (see the header of $0)" >&2; exit 2; }

cpu() { # prints the user+system CPU seconds of one run of the workload with the given agent options
  local opts=$1 scrape=$2 out
  out=$(mktemp)
  ( TIMEFORMAT='%U %S'; { time java "-javaagent:$AGENT${opts:+=$opts}" -Dsample.seconds="$SECONDS_RUN" \
      -cp "$CP" dev.taskflight.samples.workloads.Healthy >/dev/null 2>&1; } 2>"$out" ) &
  local runner=$!
  if [ "$scrape" = yes ]; then
    while kill -0 "$runner" 2>/dev/null; do curl -s -o /dev/null "http://127.0.0.1:$PORT/metrics" || true; sleep 5; done
  fi
  wait "$runner"
  awk '{printf "%.2f\n", $1 + $2}' "$out"
  rm -f "$out"
}

without=(); logged=(); with=()
for _ in $(seq "$RUNS"); do
  without+=("$(cpu "" no)")
  logged+=("$(cpu "stream=log" no)")
  with+=("$(cpu "metrics=prometheus,metrics.port=$PORT" yes)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "CPU seconds, agent alone: ${without[*]} (median $(median "${without[@]}"))"
echo "CPU seconds, stream=log: ${logged[*]} (median $(median "${logged[@]}"))"
echo "CPU seconds, metrics=prometheus: ${with[*]} (median $(median "${with[@]}"))"
awk -v a="$(median "${without[@]}")" -v l="$(median "${logged[@]}")" -v b="$(median "${with[@]}")" -v s="$SECONDS_RUN" \
  'BEGIN {printf "metrics=prometheus: %.1f ms of CPU per second of run (%.2f%% of one core); stream=log: %.1f ms\n",
          (b - a) * 1000 / s, (b - a) * 100 / s, (l - a) * 1000 / s}'
