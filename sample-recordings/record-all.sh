#!/usr/bin/env bash
# Regenerates the sample corpus: runs every workload under the Taskflight agent with JFR and writes
# sample-recordings/recordings/<workload>-jdk<N>[-<profile>].jfr. Builds what it needs first.
#
#   sample-recordings/record-all.sh            all recordings
#   sample-recordings/record-all.sh healthy    only those whose file name contains "healthy"
#   sample-recordings/record-all.sh --check    record all into a temporary directory, then check them
#                                              against sample-recordings/expected/ (CorpusTest, both JDKs);
#                                              the committed recordings are left alone. Exit 0 if they pass.
#
# SAMPLE_SECONDS (default 4) sets each workload's running time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/sample-recordings/recordings"
jdk17="${TASKFLIGHT_JDK17_JAVA:-java}"
jdk25="${TASKFLIGHT_JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
check=false
if [ "${1:-}" = --check ]; then
  check=true
  shift
  out="$(mktemp -d "${TMPDIR:-/tmp}/taskflight-corpus.XXXXXX")"
fi
filter="${1:-}"
agent="${TASKFLIGHT_AGENT:-$root/agent/target/taskflight-agent.jar}"
classes="$root/sample-recordings/target/classes"
lib="$root/sample-recordings/target/lib"
serverlib="$root/sample-recordings/target/server-lib"

if [ ! -f "$agent" ] || [ ! -d "$classes" ] || [ ! -d "$lib" ] || [ ! -d "$serverlib" ]; then
  echo "== building the agent and the workloads"
  (cd "$root" && mvn -B -q -ntp -DskipTests -pl agent,sample-recordings -am install)
fi
mkdir -p "$out"

# record NAME JAVA PROFILE(production|trace|none) CLASS [JVM-OPTION...]
record() {
  local name=$1 java=$2 profile=$3 main=$4
  shift 4
  [[ -z "$filter" || "$name" == *"$filter"* ]] || return 0
  local file="$out/$name.jfr" jfr
  case "$profile" in
    production) jfr="settings=default,settings=$root/settings/taskflight.jfc" ;;
    trace)      jfr="settings=profile,settings=$root/settings/taskflight-trace.jfc" ;;
    none)       jfr="settings=profile" ;;
  esac
  local agentArg=()
  [ "$profile" = none ] || agentArg=("-javaagent:$agent")
  rm -f "$file"
  echo "== $name"
  "$java" "${agentArg[@]}" "-XX:StartFlightRecording:$jfr,filename=$file" -Xlog:jfr+startup=warning -Xlog:jfr+system=warning \
          -Dsample.seconds="${SAMPLE_SECONDS:-4}" "$@" -cp "$classes:$lib/*:$serverlib/*" "dev.taskflight.samples.workloads.$main"
}

# A common pool of parallelism 4, as on a 5-core machine: with parallelism 1 (on 2 cores)
# CompletableFuture bypasses the common pool.
common4=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4
record blocking-common-pool-jdk17            "$jdk17" production BlockingCommonPool "$common4"
record blocking-common-pool-jdk25            "$jdk25" production BlockingCommonPool "$common4"
record cpu-heavy-virtual-thread-server-jdk25 "$jdk25" production CpuHeavyVirtualThreadServer
record cpu-heavy-virtual-thread-server-jdk25-trace "$jdk25" trace CpuHeavyVirtualThreadServer
record lock-contention-jdk17                 "$jdk17" production LockContention
record lock-contention-virtual-threads-jdk25 "$jdk25" production LockContention -Dsample.virtual=true
record idle-while-backlogged-jdk25-trace     "$jdk25" trace      IdleWhileBacklogged
record uneven-fork-join-jdk25-trace          "$jdk25" trace      UnevenForkJoin
record netty-blocked-event-loop-jdk17        "$jdk17" production NettyBlockedEventLoop
record netty-blocked-event-loop-jdk25-trace  "$jdk25" trace      NettyBlockedEventLoop
record healthy-jdk17                         "$jdk17" production Healthy
record healthy-jdk25                         "$jdk25" production Healthy
record lock-contention-jdk25-no-agent        "$jdk25" none       LockContention
record tomcat-slow-endpoint-jdk17            "$jdk17" production TomcatSlowEndpoint
record tomcat-slow-endpoint-jdk25            "$jdk25" production TomcatSlowEndpoint

du -ch "$out"/*.jfr | tail -1

if $check; then
  echo "== checking $out against sample-recordings/expected/"
  # -am: the analysis under test is this checkout's, built in the reactor (nothing is installed).
  (cd "$root" && mvn -B -q -ntp -Dstyle.color=never -pl sample-recordings -am test -Dtest=CorpusTest \
      -Dsurefire.failIfNoSpecifiedTests=false -Dtaskflight.corpus.dir="$out" -Dtaskflight.corpus.filter="$filter")
  echo "== the fresh recordings pass (left in $out)"
fi
