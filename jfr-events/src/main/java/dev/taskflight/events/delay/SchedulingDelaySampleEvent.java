package dev.taskflight.events.delay;

import dev.taskflight.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The scheduling delay of one task in {@link #samplingInterval}: the time from its submission (or a
 * virtual thread's unpark, or a scheduled task's due time) to the start of its poll. The event thread
 * is the worker; the event is written when the poll starts.
 *
 * <p>Sampling keeps the cost off the hot path: only the sampled tasks read the clock. The samples are
 * an unbiased subset of the tasks whose delay the recorder can measure, so their percentiles estimate
 * the pool's delay percentiles; counts of tasks come from {@code WorkerSample}, never from these.
 */
@Name(EventNames.SCHEDULING_DELAY_SAMPLE)
@Label("Scheduling Delay Sample")
@Category({EventNames.CATEGORY, "Delay"})
@Description("The scheduling delay of one task, sampled one task in N")
@Enabled(true)
@StackTrace(false)
public final class SchedulingDelaySampleEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool the worker belongs to")
    public String pool;

    @Label("Worker")
    @Description("Index of the worker in its pool, -1 if unknown")
    public int worker;

    @Label("Scheduling Delay")
    @Description("Time from the task's submission, the virtual thread's unpark or the scheduled task's due"
            + " time, to the start of its poll")
    @Timespan(Timespan.NANOSECONDS)
    public long schedulingDelay;

    @Label("Sampling Interval")
    @Description("The delay is measured on one task in this many, on average; a worker writes at most one"
            + " sample a millisecond, so at very high task rates fewer are written")
    public int samplingInterval;
}
