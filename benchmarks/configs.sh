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
