package dev.taskflight.events.queue;

import dev.taskflight.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Unsigned;

/**
 * Periodic state of one pool: its size, how many workers are busy, how deep its queues are, and
 * cumulative steal and completion counters. Fields a kind of pool does not have are -1.
 */
@Name(EventNames.QUEUE_SAMPLE)
@Label("Queue Sample")
@Category({EventNames.CATEGORY, "Queue"})
@Description("State of one pool: workers, queue depths, steals and completed tasks")
@Enabled(true)
@Period("1 s")
@StackTrace(false)
public final class QueueSampleEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool")
    public String pool;

    @Label("Kind")
    @Description("Which scheduler the pool is: ThreadPoolExecutor, ScheduledThreadPoolExecutor,"
            + " ForkJoinPool or VirtualThreadScheduler")
    public String kind;

    @Label("Parallelism")
    @Description("Target number of workers: the core size of a ThreadPoolExecutor, the parallelism of"
            + " a ForkJoinPool")
    public int parallelism;

    @Label("Pool Size")
    @Description("Workers that currently exist")
    public int poolSize;

    @Label("Active Workers")
    @Description("Workers running a task, or not idle (ForkJoinPool: not parked or waiting to steal)")
    public int activeWorkers;

    @Label("Running Workers")
    @Description("Workers not blocked in joins or managed blocks (ForkJoinPool), -1 otherwise")
    public int runningWorkers;

    @Label("Queued Tasks")
    @Description("Tasks in the pool's queue (ThreadPoolExecutor) or in its workers' queues (ForkJoinPool)")
    @Unsigned
    public long queuedTasks;

    @Label("Queued Submissions")
    @Description("Tasks submitted from outside a ForkJoinPool and not yet taken, -1 for other pools")
    public long queuedSubmissions;

    @Label("Steals")
    @Description("Cumulative steals of a ForkJoinPool, -1 for other pools")
    public long steals;

    @Label("Completed Tasks")
    @Description("Cumulative tasks completed since the pool started, -1 when the pool does not count them")
    public long completedTasks;
}
