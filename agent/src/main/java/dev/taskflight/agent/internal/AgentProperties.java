package dev.taskflight.agent.internal;

/**
 * The system properties the agent sets in the JVM it runs in, which {@code jfr-analyze attach} reads
 * through the Attach API: that the agent is loaded, which version, whether it rejected its options, and
 * what became of the recording it was asked to start.
 */
public final class AgentProperties {

    /** The agent's version; set once the agent is installed, so its presence means "already loaded". */
    public static final String VERSION = "taskflight.agent.version";
    /** Why the agent ignored its options (it runs with the defaults); unset when they were fine. */
    public static final String OPTIONS_ERROR = "taskflight.agent.optionsError";
    /** What the option {@code record} did: {@code started NAME ...}, {@code running NAME} or {@code failed ...}. */
    public static final String RECORDING = "taskflight.agent.recording";

    private AgentProperties() {
    }

    /**
     * Sets a property; never throws (a security manager may refuse).
     *
     * @param key the property
     * @param value its value
     */
    static void set(String key, String value) {
        try {
            System.setProperty(key, value);
        } catch (RuntimeException e) {
            AgentLog.debug("cannot set " + key + ": " + e);
        }
    }
}
