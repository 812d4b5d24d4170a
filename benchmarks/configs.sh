# Sourced by run.sh and interleaved.sh: the forked JVMs' options of each benchmark configuration.
#   configs AGENT_JAR SETTINGS_DIR RECORDING_DIR    # fills the associative array CONFIG
# Recording configurations write prod.jfr, trace.jfr or jfr.jfr into RECORDING_DIR.
configs() {
  # The JMH harness runs each iteration as a task of its own thread pool: not a workload's pool.
  local agent="-javaagent:$1=exclude=*jmh-worker*"
  local prod="-XX:StartFlightRecording:settings=default,settings=$2/taskflight.jfc,filename=$3/prod.jfr"
  local trace="-XX:StartFlightRecording:settings=default,settings=$2/taskflight-trace.jfc,filename=$3/trace.jfr"
  local jfr="-XX:StartFlightRecording:settings=default,filename=$3/jfr.jfr"
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
