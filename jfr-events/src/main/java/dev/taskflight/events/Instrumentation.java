package dev.taskflight.events;

/**
 * The values of the {@code instrumentation} field of {@link EventNames#POOL_INFO} events: how the
 * events of a pool are produced, and so which of them a recording can hold.
 */
public final class Instrumentation {

    /** A pool created through the recorder's library API: polls, parks and samples. */
    public static final String LIBRARY = "library";

    /** A JDK pool instrumented by the java agent: polls, parks, steals and samples. */
    public static final String AGENT = "agent";

    /** A pool that is only sampled: {@code QueueSample} and {@code PoolInfo}, no polls or parks. */
    public static final String SAMPLING = "sampling";

    private Instrumentation() {
    }
}
