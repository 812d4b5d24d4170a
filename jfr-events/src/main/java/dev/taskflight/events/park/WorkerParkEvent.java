package dev.taskflight.events.park;

import dev.taskflight.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Unsigned;

/**
 * A worker idle from the moment it finished its last poll and waited for work until it woke with
 * new work (or exited). The event thread is the worker.
 *
 * <p>The annotation defaults are production-safe: only parks of 1 ms or more are recorded, without a
 * stack trace; a worker parks at most once per idle period, so the rate is bounded by how often the
 * pool runs dry.
 */
@Name(EventNames.WORKER_PARK)
@Label("Worker Park")
@Category({EventNames.CATEGORY, "Park"})
@Description("A worker idle, waiting for work, from park to unpark")
@Enabled(true)
@Threshold("1 ms")
@StackTrace(false)
public final class WorkerParkEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool the worker belongs to")
    public String pool;

    @Label("Worker")
    @Description("Index of the worker in its pool, -1 if unknown")
    public int worker;

    @Label("Queued Tasks")
    @Description("Tasks waiting in the pool's queues when the worker woke")
    @Unsigned
    public long queuedTasks;

    @Label("Queued At Park")
    @Description("Tasks due and waiting in the pool's queues when the worker began to wait: work it"
            + " slept beside; -1 if not read")
    public long queuedAtPark;
}
