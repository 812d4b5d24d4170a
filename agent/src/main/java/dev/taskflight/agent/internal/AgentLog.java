package dev.taskflight.agent.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/** The agent's warnings: each kind of failure is logged once, then silenced. */
public final class AgentLog {

    private static final System.Logger LOG = System.getLogger("dev.taskflight.agent");
    private static final AtomicBoolean HOOK_FAILED = new AtomicBoolean();

    private AgentLog() {
    }

    /**
     * Called when a hook in JDK code fails: the failure is swallowed, and logged the first time.
     * Never throws.
     *
     * @param failure what the hook threw
     */
    public static void hookFailed(Throwable failure) {
        try {
            if (HOOK_FAILED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Taskflight agent: a hook failed and was skipped; further"
                        + " failures are not logged: " + failure, failure);
            }
        } catch (Throwable ignored) {
            // logging must not throw into the instrumented code either
        }
    }

    /** @param message a one-line warning */
    public static void warn(String message) {
        LOG.log(Level.WARNING, "Taskflight agent: " + message);
    }

    /** @param message a one-line note, at info level */
    public static void info(String message) {
        LOG.log(Level.INFO, "Taskflight agent " + message);
    }

    /** @param message a one-line note, at debug level */
    public static void debug(String message) {
        LOG.log(Level.DEBUG, "Taskflight agent: " + message);
    }
}
