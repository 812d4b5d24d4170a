# Sourced by run.sh, interleaved.sh, cpu-per-task.sh and side-by-side.sh: the JVMs' options of each
# benchmark configuration.
#   configs AGENT_JAR SETTINGS_DIR RECORDING_DIR    # fills the associative array CONFIG
# Recording configurations write prod.jfr, trace.jfr or jfr.jfr into RECORDING_DIR.

# The recordings' options: production profile, trace profile, JFR's default settings alone, and JFR's
# default settings with every Taskflight event off (the agent dormant).
#   recordings SETTINGS_DIR RECORDING_DIR           # sets PROD, TRACE, JFR and OFF
recordings() {
  PROD="-XX:StartFlightRecording:settings=default,settings=$1/taskflight.jfc,filename=$2/prod.jfr"
  TRACE="-XX:StartFlightRecording:settings=default,settings=$1/taskflight-trace.jfc,filename=$2/trace.jfr"
  JFR="-XX:StartFlightRecording:settings=default,filename=$2/jfr.jfr"
  OFF="-XX:StartFlightRecording:settings=default,settings=$1/taskflight-off.jfc,filename=$2/off.jfr"
}

configs() {
  # The JMH harness runs each iteration as a task of its own thread pool: not a workload's pool.
  local agent="-javaagent:$1=exclude=*jmh-worker*"
  recordings "$2" "$3"
  local prod=$PROD trace=$TRACE jfr=$JFR
  declare -gA CONFIG=(
    [baseline]="-Dbench.pools=plain"
    [baseline-jfr]="-Dbench.pools=plain $jfr"
    [library-off]="-Dbench.pools=library"
    [library-production]="-Dbench.pools=library $prod"
    [library-trace]="-Dbench.pools=library $trace"
    [agent-off]="-Dbench.pools=plain $agent"
    [agent-production]="-Dbench.pools=plain $agent $prod"
    [agent-trace]="-Dbench.pools=plain $agent $trace"
  )
}

# SideBySide's configurations, the JVM playing an application (no JMH, the JDK's and libraries' pools).
#   side_by_side_configs AGENT_JAR AGENT2_JAR|"" SETTINGS_DIR RECORDING_DIR    # fills CONFIG
side_by_side_configs() {
  recordings "$3" "$4"
  declare -gA CONFIG=(
    [plain]=""
    [jfr]="$JFR"
    [agent-off]="-javaagent:$1"
    [agent-dormant]="-javaagent:$1 $OFF"
    [agent-production]="-javaagent:$1 $PROD"
    [agent-trace]="-javaagent:$1 $TRACE"
    [micrometer]="-Dbench.micrometer=true $JFR"
  )
  if [ -n "$2" ]; then CONFIG[agent2-production]="-javaagent:$2 $PROD${AGENT2_OPTS:+ $AGENT2_OPTS}"; fi
}

# Reads lines "round workload config score ..." and prints each with its change against the score of
# config FIRST in the same round and workload, in % times SIGN (-1: a loss of throughput; 1: an
# increase in cost), sorted by workload and round.
#   ... | compare_rounds FIRST SIGN
compare_rounds() {
  awk -v first="$1" -v sign="$2" '
    { key = $1 " " $2; if ($3 == first) base[key] = $4; row[NR] = $0; k[NR] = key; s[NR] = $4 }
    END { for (i = 1; i <= NR; i++) printf "%s %+.2f%%\n", row[i], (k[i] in base) ? sign * 100 * (s[i] - base[k[i]]) / base[k[i]] : 0 }' \
    | sort -k2,2 -k1,1n
}

# The position, in a list of K configurations, of the J-th JVM (from 0) of round I (from 1): the order is
# rotated by I and reversed every other round, so that no configuration always runs first or right after
# the same one.
#   X=$(interleaved I J K)
interleaved() {
  if (( $1 % 2 )); then echo $(( ($1 - 1 + $2) % $3 )); else echo $(( (($1 - 1 - $2) % $3 + $3) % $3 )); fi
}
