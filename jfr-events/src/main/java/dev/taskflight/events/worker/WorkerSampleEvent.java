package dev.taskflight.events.worker;

import dev.taskflight.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Unsigned;

/**
 * Periodic cumulative counters of one worker. Counters never decrease for a given pool and worker;
 * consumers derive rates by differencing consecutive samples. The event thread is JFR's periodic
 * thread, not the worker: the worker is {@link #workerThread}.
 */
@Name(EventNames.WORKER_SAMPLE)
@Label("Worker Sample")
@Category({EventNames.CATEGORY, "Worker"})
@Description("Cumulative counters of one worker: polls, busy and idle time, parks and steals")
@Enabled(true)
@Period("1 s")
@StackTrace(false)
public final class WorkerSampleEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool the worker belongs to")
    public String pool;

    @Label("Worker")
    @Description("Index of the worker in its pool")
    public int worker;

    @Label("Worker Thread")
    @Description("The worker's thread")
    public Thread workerThread;

    @Label("Polls")
    @Description("Polls completed by the worker since it started")
    @Unsigned
    public long polls;

    @Label("Busy Time")
    @Description("Total time the worker was busy since it started: in polls, or alive and not waiting for"
            + " work (see the recorder's documentation of its modes)")
    @Timespan(Timespan.NANOSECONDS)
    public long busyTime;

    @Label("Idle Time")
    @Description("Total time spent waiting for work since the worker started")
    @Timespan(Timespan.NANOSECONDS)
    public long idleTime;

    @Label("Parks")
    @Description("Times the worker went idle waiting for work since it started")
    @Unsigned
    public long parks;

    @Label("Steals")
    @Description("Tasks the worker took from other workers' queues since it started")
    @Unsigned
    public long steals;

    @Label("Local Queue Depth")
    @Description("Tasks in the worker's own queue when sampled, -1 if the worker has none")
    public int localQueueDepth;
}
