package dev.taskflight.events;

import java.util.List;

/**
 * The names of Taskflight's JFR events, written once.
 *
 * <p>Every component that refers to a Taskflight event refers to it through these constants: the
 * recorder that emits the events, the analyzers that read them by name, the JMC rules and the tests
 * that check the shipped {@code .jfc} settings files. The names are part of the event contract:
 * analyzers read recordings made by older and newer Taskflight versions, so a name, once published,
 * never changes meaning.
 */
public final class EventNames {

    /** The prefix shared by every Taskflight event name. */
    public static final String PREFIX = "taskflight.";

    /** One poll: one run of a task on a worker, or one mount of a virtual thread on its carrier. */
    public static final String TASK_POLL = PREFIX + "TaskPoll";

    /** A worker idle from the moment it parks until it wakes. */
    public static final String WORKER_PARK = PREFIX + "WorkerPark";

    /** A {@code ForkJoinPool} worker taking a task from another worker's queue. */
    public static final String TASK_STEAL = PREFIX + "TaskSteal";

    /** Periodic per-worker cumulative counters. */
    public static final String WORKER_SAMPLE = PREFIX + "WorkerSample";

    /** Periodic per-pool state: size, activity, queue depths and cumulative counters. */
    public static final String QUEUE_SAMPLE = PREFIX + "QueueSample";

    /** Pool identity and configuration, written in every chunk. */
    public static final String POOL_INFO = PREFIX + "PoolInfo";

    /** A poll still running past the long-poll threshold, with the worker's stack (watchdog). */
    public static final String POLL_IN_PROGRESS = PREFIX + "PollInProgress";

    /** The CPU time a worker's thread used in part of a long poll, from the thread's CPU clock. */
    public static final String POLL_CPU_TIME = PREFIX + "PollCpuTime";

    /** The scheduling delay of one task, sampled one task in N. */
    public static final String SCHEDULING_DELAY_SAMPLE = PREFIX + "SchedulingDelaySample";

    /** The java agent is attached: its version, mode and hooked scheduler families, written in every chunk. */
    public static final String AGENT_INFO = PREFIX + "AgentInfo";

    /** Every Taskflight event name, in the order of the event contract, not {@code null}. */
    public static final List<String> ALL =
            List.of(TASK_POLL, WORKER_PARK, TASK_STEAL, WORKER_SAMPLE, QUEUE_SAMPLE, POOL_INFO,
                    POLL_IN_PROGRESS, POLL_CPU_TIME, SCHEDULING_DELAY_SAMPLE, AGENT_INFO);

    /** The top-level category of every Taskflight event. */
    public static final String CATEGORY = "Taskflight";

    private EventNames() {
    }
}
