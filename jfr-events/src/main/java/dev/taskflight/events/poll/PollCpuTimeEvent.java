package dev.taskflight.events.poll;

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
 * The CPU time a worker's thread used during part of a long poll, from the operating system's
 * per-thread CPU clock: the event starts when the recorder's watchdog read the clock while the poll
 * ran and ends when the poll ended, and {@link #cpuTime} is what the thread used in between. The
 * event thread is the worker's. The rest of the event's duration the thread was off CPU: waiting for a
 * core, or blocked. With the JDK's samples and blocking events, it tells the part of a long poll
 * that the JDK's sampler missed on CPU from the part spent off CPU.
 *
 * <p>Written for long polls only (at or over the long-poll threshold), and only for polls the watchdog
 * read the clock of: a few a tick at most, so not for every long poll when many run at once, and not
 * for a virtual thread's mount.
 */
@Name(EventNames.POLL_CPU_TIME)
@Label("Poll CPU Time")
@Category({EventNames.CATEGORY, "Poll"})
@Description("The CPU time a worker's thread used in a long poll, from the watchdog's reading of its clock to"
        + " the poll's end")
@Enabled(true)
@StackTrace(false)
public final class PollCpuTimeEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool the worker belongs to")
    public String pool;

    @Label("Worker")
    @Description("Index of the worker in its pool, -1 if unknown")
    public int worker;

    @Label("CPU Time")
    @Description("CPU time the worker's thread used (user and system) from the event's start to its end;"
            + " the rest of the event's duration it was off CPU")
    @Timespan(Timespan.NANOSECONDS)
    public long cpuTime;
}
