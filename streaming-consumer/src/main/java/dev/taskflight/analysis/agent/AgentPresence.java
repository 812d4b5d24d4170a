package dev.taskflight.analysis.agent;

/**
 * Whether a recording says the Taskflight java agent was attached, and the last thing it said about
 * itself: version, mode and the scheduler families it hooked. Not thread-safe.
 */
public final class AgentPresence {

    private boolean seen;
    private String version = "";
    private String mode = "";
    private String hooked = "";
    private String skipped = "";

    /**
     * Records one {@code AgentInfo}.
     *
     * @param version the agent's version, not {@code null}
     * @param mode its mode, not {@code null}
     * @param hooked the families it hooked, comma-separated, not {@code null}
     * @param skipped the families it skipped with reasons, not {@code null}
     */
    public void seen(String version, String mode, String hooked, String skipped) {
        this.seen = true;
        this.version = version;
        this.mode = mode;
        this.hooked = hooked;
        this.skipped = skipped;
    }

    /** @return whether the recording holds an {@code AgentInfo} event */
    public boolean present() {
        return seen;
    }

    /**
     * Describes the agent in one sentence, such as {@code "The Taskflight agent 0.1.0 (auto mode) was
     * attached and hooked jdk-thread-pool, kotlin-coroutines."}.
     *
     * @return the sentence, not {@code null}; empty if the agent was not seen
     */
    public String describe() {
        if (!seen) {
            return "";
        }
        StringBuilder b = new StringBuilder("The Taskflight agent");
        if (!version.isEmpty()) {
            b.append(' ').append(version);
        }
        if (!mode.isEmpty()) {
            b.append(" (").append(mode).append(" mode)");
        }
        b.append(" was attached and hooked ").append(hooked.isEmpty() ? "no scheduler" : hooked.replace(",", ", "));
        if (!skipped.isEmpty()) {
            b.append("; skipped ").append(skipped);
        }
        return b.append('.').toString();
    }
}
