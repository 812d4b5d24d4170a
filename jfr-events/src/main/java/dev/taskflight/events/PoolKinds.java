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

    /** Tomcat's {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}: a connector's request pool. */
    public static final String TOMCAT_THREAD_POOL = "TomcatThreadPoolExecutor";

    /** Jetty's {@code org.eclipse.jetty.util.thread.QueuedThreadPool}. */
    public static final String JETTY_QUEUED_THREAD_POOL = "JettyQueuedThreadPool";

    /** jboss-threads' {@code org.jboss.threads.EnhancedQueueExecutor} (Undertow, WildFly, Quarkus). */
    public static final String JBOSS_ENHANCED_QUEUE_EXECUTOR = "EnhancedQueueExecutor";

    /** A Netty {@code EventLoopGroup}: one worker per event loop. */
    public static final String NETTY_EVENT_LOOP_GROUP = "NettyEventLoopGroup";

    /** A Netty {@code EventExecutorGroup} such as {@code DefaultEventExecutorGroup}: one worker per executor. */
    public static final String NETTY_EVENT_EXECUTOR_GROUP = "NettyEventExecutorGroup";

    /** Kotlin's {@code kotlinx.coroutines.scheduling.CoroutineScheduler} ({@code Dispatchers.Default}, {@code .IO}). */
    public static final String COROUTINE_SCHEDULER = "CoroutineScheduler";

    /** A Project Reactor {@code Scheduler} ({@code parallel}, {@code boundedElastic}, {@code single}...). */
    public static final String REACTOR_SCHEDULER = "ReactorScheduler";

    private PoolKinds() {
    }

    /**
     * Returns whether a pool's workers all take their tasks from one shared queue, so that how many
     * tasks each worker ran says nothing about balance.
     *
     * @param kind a {@code kind} value, or {@code null}
     * @return {@code true} for thread-pool executors and the servers' pools
     */
    public static boolean sharesOneQueue(String kind) {
        return THREAD_POOL_EXECUTOR.equals(kind) || SCHEDULED_THREAD_POOL_EXECUTOR.equals(kind)
                || TOMCAT_THREAD_POOL.equals(kind) || JETTY_QUEUED_THREAD_POOL.equals(kind)
                || JBOSS_ENHANCED_QUEUE_EXECUTOR.equals(kind);
    }
}
