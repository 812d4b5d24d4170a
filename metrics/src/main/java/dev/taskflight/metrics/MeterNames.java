package dev.taskflight.metrics;

/**
 * The names and tags of the meters {@link TaskflightMeters} publishes, once.
 *
 * <p>Where OpenTelemetry's experimental {@code jvm.executor.*} conventions define a metric, its name
 * and attributes are used as they are: {@link #THREAD_COUNT} with {@link #THREAD_STATE},
 * {@link #TASK_COMPLETED} and {@link #QUEUE_SIZE}, tagged {@link #EXECUTOR_NAME} and
 * {@link #EXECUTOR_TYPE}. What they lack (busy ratio and times, parks, steals, long polls, poll
 * durations, scheduling delays) is Taskflight's extension under the same namespace, with the same
 * tags, so that one pool selector in a dashboard covers every meter. Micrometer's naming convention
 * turns the dots into the registry's own form ({@code jvm_executor_task_completed_total} in Prometheus).
 */
public final class MeterNames {

    /** OpenTelemetry: executor threads in the state of {@link #THREAD_STATE}; averaged over the interval. */
    public static final String THREAD_COUNT = "jvm.executor.thread.count";
    /** OpenTelemetry: tasks completed (polls), counted from the recorder's counters. */
    public static final String TASK_COMPLETED = "jvm.executor.task.completed";
    /** OpenTelemetry: tasks queued; the deepest queue sampled in the last interval. */
    public static final String QUEUE_SIZE = "jvm.executor.queue.size";
    /** Extension: busy time over busy plus idle time in the last interval, 0 to 1. */
    public static final String BUSY_RATIO = "jvm.executor.busy.ratio";
    /** Extension: the workers' time in polls, in seconds. */
    public static final String BUSY_TIME = "jvm.executor.busy.time";
    /** Extension: the workers' time waiting for work, in seconds. */
    public static final String IDLE_TIME = "jvm.executor.idle.time";
    /** Extension: times a worker went idle. */
    public static final String THREAD_PARKS = "jvm.executor.thread.parks";
    /** Extension: tasks stolen from another worker's queue. */
    public static final String TASK_STEALS = "jvm.executor.task.steals";
    /** Extension: polls at or over a long-poll threshold, by {@link #SEVERITY}. */
    public static final String LONG_POLLS = "jvm.executor.task.long_polls";
    /** Extension: the longest poll of the last interval, in seconds. */
    public static final String POLL_MAX = "jvm.executor.task.poll.max";
    /**
     * Extension: poll durations as a histogram (a Micrometer timer): every poll in trace mode, only long
     * polls in production, read one by one from the {@code taskflight.TaskPoll} events.
     */
    public static final String POLL_DURATION = "jvm.executor.task.poll.duration";
    /**
     * Extension: scheduling delays as a histogram (a Micrometer timer), for percentiles across a fleet:
     * the sampled tasks' in production, every task's in trace, each task once.
     */
    public static final String DELAY = "jvm.executor.task.delay";
    /** Extension: tasks whose scheduling delay was measured (sampled in production, every one in trace). */
    public static final String DELAY_COUNT = "jvm.executor.task.delay.count";
    /** Extension: the median scheduling delay of the last interval, in seconds. */
    public static final String DELAY_P50 = "jvm.executor.task.delay.p50";
    /** Extension: the 99th percentile scheduling delay of the last interval, in seconds. */
    public static final String DELAY_P99 = "jvm.executor.task.delay.p99";
    /** Extension: the largest scheduling delay of the last interval, in seconds. */
    public static final String DELAY_MAX = "jvm.executor.task.delay.max";
    /** Extension, per worker on request: one worker's busy ratio in the last interval. */
    public static final String WORKER_BUSY_RATIO = "jvm.executor.thread.busy.ratio";

    /**
     * Taskflight, of no pool: the threads whose application code the last interval's CPU samples caught
     * where Taskflight did not see it (threads of no pool, workers never seen at work); 0 when none, NaN
     * when the interval had no CPU sample to tell.
     * Not {@code jvm.executor.*}: it is what no executor reported.
     */
    public static final String UNSEEN_THREADS = "taskflight.unseen.threads";
    /** Taskflight, of no pool: the CPU samples of that application code, added up over the intervals. */
    public static final String UNSEEN_CPU_SAMPLES = "taskflight.unseen.cpu.samples";

    /** OpenTelemetry attribute: the pool's name. */
    public static final String EXECUTOR_NAME = "jvm.executor.name";
    /** OpenTelemetry attribute: the pool's kind ({@code ThreadPoolExecutor}, {@code ForkJoinPool}...). */
    public static final String EXECUTOR_TYPE = "jvm.executor.type";
    /** OpenTelemetry attribute of {@link #THREAD_COUNT}: {@code busy} or {@code idle}. */
    public static final String THREAD_STATE = "jvm.executor.thread.state";
    /** Extension attribute of {@link #LONG_POLLS}: {@code warning} or {@code critical}. */
    public static final String SEVERITY = "taskflight.severity";
    /** Extension attribute of {@link #WORKER_BUSY_RATIO}: the worker's index in its pool. */
    public static final String WORKER = "taskflight.worker";
    /** The {@link #EXECUTOR_NAME} of a pool reported without a name. */
    public static final String UNKNOWN_POOL = "unknown";
    /** The {@link #EXECUTOR_NAME} of the pools over the cap, aggregated. */
    public static final String OTHER_POOLS = "other";

    private MeterNames() {
    }
}
