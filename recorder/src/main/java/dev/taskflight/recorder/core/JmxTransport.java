package dev.taskflight.recorder.core;

/**
 * The pools of the JDK's RMI runtime, which carry JMX connections — Taskflight's own among them
 * ({@code jfr-analyze stream --jmx} and {@code --pid}): the registry does not report them, so that
 * observing a JVM adds no pool and no finding to its report. Recognised by the names the JDK gives
 * their threads.
 */
final class JmxTransport {

    private static final String[] THREAD_NAMES = {
        "RMI TCP Connection", "RMI TCP Accept", "RMI Scheduler", "RMI RenewClean", "RMI Reaper",
        "RMI GC Daemon", "JMX server connection timeout"};

    private JmxTransport() {
    }

    /**
     * @param poolName a pool's requested name, from its threads' names
     * @return whether the pool is one of the RMI runtime's
     */
    static boolean serves(String poolName) {
        for (String prefix : THREAD_NAMES) {
            if (poolName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
