package dev.taskflight.events;

/**
 * The names of the event fields the analyzers read, written once: Taskflight's own fields, and the
 * fields of the JDK's events that explain a poll.
 *
 * <p>Like {@link EventNames}, these names are part of the event contract: the analyzers read them by
 * name and tolerate their absence, so a name, once published, never changes meaning. A test checks
 * that every Taskflight field named here is a field of an event class.
 */
public final class FieldNames {

    /** The pool's name (every Taskflight event). */
    public static final String POOL = "pool";
    /** The worker's index in its pool. */
    public static final String WORKER = "worker";
    /** The class of the task: {@code TaskSteal}, {@code PollInProgress}, and {@code TaskPoll} before version 2. */
    public static final String TASK_CLASS = "taskClass";
    /**
     * The task's name: the code that defined a lambda or method-reference task; in {@code TaskPoll}
     * since version 2, the task class's name otherwise.
     */
    public static final String TASK_NAME = "taskName";
    /** Time from submit or wake-up to the start of the poll. */
    public static final String SCHEDULING_DELAY = "schedulingDelay";
    /**
     * Whether the task ran on another worker than it was queued on: {@code TaskPoll} before version 2
     * only, read from older recordings ({@code TaskSteal} records steals since).
     */
    public static final String STOLEN = "stolen";
    /** The virtual thread mounted during the poll. */
    public static final String VIRTUAL_THREAD = "virtualThread";
    /** The worker's thread, in events not emitted on it. */
    public static final String WORKER_THREAD = "workerThread";
    /** Tasks queued when the worker woke. */
    public static final String QUEUED_TASKS = "queuedTasks";
    /** Tasks queued when the worker began to wait. */
    public static final String QUEUED_AT_PARK = "queuedAtPark";
    /** Submissions queued (ForkJoinPool). */
    public static final String QUEUED_SUBMISSIONS = "queuedSubmissions";
    /** How long a poll has been running. */
    public static final String RUNNING_TIME = "runningTime";
    /** CPU time a thread used ({@code PollCpuTime}). */
    public static final String CPU_TIME = "cpuTime";
    /** A stack written as text, one frame a line. */
    public static final String STACK = "stack";
    /** The pool's kind. */
    public static final String KIND = "kind";
    /** The pool's target parallelism. */
    public static final String PARALLELISM = "parallelism";
    /** The pool's current size. */
    public static final String POOL_SIZE = "poolSize";
    /** Workers running a task. */
    public static final String ACTIVE_WORKERS = "activeWorkers";
    /** Steals, cumulative. */
    public static final String STEALS = "steals";
    /** Completed tasks, cumulative. */
    public static final String COMPLETED_TASKS = "completedTasks";
    /** How the pool is instrumented. */
    public static final String INSTRUMENTATION = "instrumentation";
    /** The recorder's version. */
    public static final String TASKFLIGHT_VERSION = "taskflightVersion";
    /** {@code AgentInfo}: the mode the agent measures in. */
    public static final String MODE = "mode";
    /** {@code AgentInfo}: the scheduler families the agent hooked. */
    public static final String HOOKED = "hooked";
    /** {@code AgentInfo}: the families it skipped, with the reason. */
    public static final String SKIPPED = "skipped";
    /** Polls, cumulative. */
    public static final String POLLS = "polls";
    /** Busy time, cumulative. */
    public static final String BUSY_TIME = "busyTime";
    /** Idle time, cumulative. */
    public static final String IDLE_TIME = "idleTime";
    /** Parks, cumulative. */
    public static final String PARKS = "parks";
    /** A worker's local queue depth. */
    public static final String LOCAL_QUEUE_DEPTH = "localQueueDepth";

    /** The thread an event was emitted on (every JDK and Taskflight event). */
    public static final String EVENT_THREAD = "eventThread";
    /** {@code jdk.ExecutionSample}'s sampled thread. */
    public static final String SAMPLED_THREAD = "sampledThread";
    /** {@code jdk.ThreadStart}'s started thread. */
    public static final String THREAD = "thread";
    /** {@code jdk.JavaMonitorEnter} and {@code jdk.JavaMonitorWait}'s monitor class. */
    public static final String MONITOR_CLASS = "monitorClass";
    /** {@code jdk.ThreadPark}'s parked-on class. */
    public static final String PARKED_CLASS = "parkedClass";
    /** {@code jdk.SocketRead} and {@code jdk.SocketWrite}'s host. */
    public static final String HOST = "host";
    /** {@code jdk.SocketRead} and {@code jdk.SocketWrite}'s address. */
    public static final String ADDRESS = "address";
    /** {@code jdk.SocketRead} and {@code jdk.SocketWrite}'s port. */
    public static final String PORT = "port";
    /** {@code jdk.FileRead} and {@code jdk.FileWrite}'s path. */
    public static final String PATH = "path";
    /** {@code jdk.VirtualThreadPinned}'s carrier (JDK 24 and later). */
    public static final String CARRIER_THREAD = "carrierThread";
    /** {@code jdk.VirtualThreadPinned}'s reason (JDK 24 and later). */
    public static final String PINNED_REASON = "pinnedReason";
    /** {@code jdk.CPUTimeSample}'s sampling period (JDK 25 and later). */
    public static final String SAMPLING_PERIOD = "samplingPeriod";
    /** {@code jdk.CPUTimeSample}'s failure flag (JDK 25 and later). */
    public static final String FAILED = "failed";
    /** {@code jdk.ActiveSetting}'s event type id. */
    public static final String SETTING_ID = "id";
    /** {@code jdk.ActiveSetting}'s setting name. */
    public static final String SETTING_NAME = "name";
    /** {@code jdk.ActiveSetting}'s setting value. */
    public static final String SETTING_VALUE = "value";
    /** {@code jdk.GarbageCollection}'s total pause time. */
    public static final String SUM_OF_PAUSES = "sumOfPauses";
    /** {@code jdk.CPULoad}'s share of the machine's CPU in use, all processes, from 0 to 1. */
    public static final String MACHINE_TOTAL = "machineTotal";

    private FieldNames() {
    }
}
