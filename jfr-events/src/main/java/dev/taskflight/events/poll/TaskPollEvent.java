package dev.taskflight.events.poll;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * One poll: one run of a task on a worker thread, or one mount of a virtual thread on its carrier,
 * from start to end. The event thread is the worker (the carrier, for a virtual thread).
 *
 * <p>The annotation defaults are production-safe: only polls of 10 ms or more are recorded, without a
 * stack trace. The trace settings profile lowers the threshold to zero.
 *
 * <p>Version 2 of the event is 20 bytes for a trace poll with a pool name of more
 * than 16 characters and a delay under 128 µs: it names the task by {@link #taskName} alone (version 1
 * had a {@code Class} field {@code taskClass} as well), records {@link #schedulingDelay} in
 * microseconds (version 1: nanoseconds), and leaves steals to {@code taskflight.TaskSteal} (version
 * 1 had a {@code stolen} flag). Readers take the delay in the unit its field declares, the task from
 * {@code taskClass} when {@code taskName} is absent, and a steal from {@code stolen} where a recording
 * has it, so they read both versions.
 *
 * <p>{@link #pool} holds the pool's name as {@link PoolField#write(String)} writes it: padded with
 * spaces to {@value PoolField#LENGTH} characters if it is shorter, so that JFR writes it once per chunk
 * instead of in every poll. Readers take the name back with {@link PoolField#read(String)}.
 */
@Name(EventNames.TASK_POLL)
@Label("Task Poll")
@Category({EventNames.CATEGORY, "Poll"})
@Description("One run of a task on a worker, or one mount of a virtual thread on its carrier")
@Enabled(true)
@Threshold("10 ms")
@StackTrace(false)
public final class TaskPollEvent extends Event {

    /** The value of {@link #schedulingDelay} when the delay was not measured. */
    public static final long UNKNOWN_DELAY = Long.MIN_VALUE;

    @Label("Pool")
    @Description("Name of the pool the worker belongs to; a name of fewer than 17 characters is padded with"
            + " spaces to 17, so that JFR writes it once per chunk rather than in every poll")
    public String pool;

    @Label("Worker")
    @Description("Index of the worker in its pool, -1 if unknown")
    public int worker;

    @Label("Task")
    @Description("The task that ran: its class's name, or, when the class is a lambda or method reference,"
            + " the code that defined it, e.g. \"com.example.Orders.submit (lambda 0)\" or"
            + " \"com.example.Orders::handle\"; the virtual thread's task for a mount;"
            + " \"(not seen running: one of N polls)\" for a production window of polls of which one or more"
            + " took this long; null when unknown")
    public String taskName;

    // "(µs)": JDK Mission Control 9.1 does not know the unit, and shows the number alone
    @Label("Scheduling Delay (µs)")
    @Description("Time from the task's submission, or the virtual thread's unpark, to the start of the"
            + " poll, in whole microseconds; Long.MIN_VALUE when not measured")
    @Timespan(Timespan.MICROSECONDS)
    public long schedulingDelay;

    @Label("Virtual Thread")
    @Description("The virtual thread that was mounted, if the poll is a virtual-thread mount")
    public Thread virtualThread;

    /**
     * Converts a measured delay to this event's unit: whole microseconds, rounded down.
     *
     * @param nanos the delay in nanoseconds, or {@link #UNKNOWN_DELAY}
     * @return the delay in microseconds, or {@link #UNKNOWN_DELAY}
     */
    public static long delayOf(long nanos) {
        return nanos == UNKNOWN_DELAY ? UNKNOWN_DELAY : nanos / 1_000;
    }
}
