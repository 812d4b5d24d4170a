package dev.taskflight.events;

/**
 * The values of the {@code kind} field of {@link EventNames#QUEUE_SAMPLE} and
 * {@link EventNames#POOL_INFO} events: which scheduler a pool is.
 */
public final class PoolKinds {

    /** A {@code java.util.concurrent.ThreadPoolExecutor} (not a scheduled one). */
    public static final String THREAD_POOL_EXECUTOR = "ThreadPoolExecutor";

    /** A {@code java.util.concurrent.ScheduledThreadPoolExecutor}. */
    public static final String SCHEDULED_THREAD_POOL_EXECUTOR = "ScheduledThreadPoolExecutor";

    /** A {@code java.util.concurrent.ForkJoinPool}, the common pool included. */
    public static final String FORK_JOIN_POOL = "ForkJoinPool";

    /** The scheduler that mounts virtual threads on carrier threads. */
    public static final String VIRTUAL_THREAD_SCHEDULER = "VirtualThreadScheduler";

    /** A Kotlin {@code kotlinx.coroutines.scheduling.CoroutineScheduler}: one pool per task mode (CPU or blocking). */
    public static final String COROUTINE_SCHEDULER = "CoroutineScheduler";

    /** A Project Reactor {@code Scheduler} whose single-thread executors form one pool. */
    public static final String REACTOR_SCHEDULER = "ReactorScheduler";

    private PoolKinds() {
    }
}
