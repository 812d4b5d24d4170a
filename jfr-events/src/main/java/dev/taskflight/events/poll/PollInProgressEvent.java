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
 * A poll still running past the long-poll threshold, seen by the recorder's watchdog while the worker
 * is stuck in it, with what the worker was doing. The event thread is the watchdog: the worker is
 * {@link #workerThread}. A poll that ends is also recorded as a {@code TaskPoll} by its worker when
 * it ends; a poll that never ends is recorded only by this event.
 *
 * <p>The watchdog writes one event when a poll passes the threshold and another each time its running
 * time doubles, so a stuck worker is reported with a rate that falls off; and one more at once when a
 * recording starts while the poll runs, so that the new recording holds it. Stacks are taken only
 * for these polls, at most a few per second.
 */
@Name(EventNames.POLL_IN_PROGRESS)
@Label("Poll In Progress")
@Category({EventNames.CATEGORY, "Poll"})
@Description("A poll still running past the long-poll threshold, with the worker's stack")
@Enabled(true)
@StackTrace(false)
public final class PollInProgressEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool the worker belongs to")
    public String pool;

    @Label("Worker")
    @Description("Index of the worker in its pool, -1 if unknown")
    public int worker;

    @Label("Worker Thread")
    @Description("The worker's thread (the carrier, for a virtual-thread mount)")
    public Thread workerThread;

    @Label("Task Class")
    @Description("Class of the task that is running, or of the virtual thread's task")
    public Class<?> taskClass;

    @Label("Task Name")
    @Description("The code that defined the task when its class is a lambda or method reference: the"
            + " declaring class and method, e.g. \"com.example.Orders.submit (lambda 0)\" or"
            + " \"com.example.Orders::handle\"; null otherwise")
    public String taskName;

    @Label("Running Time")
    @Description("How long the poll has been running when seen, counted from the watchdog's tick before it"
            + " first saw the poll: at most that period (5 ms, up to 40 ms after the watchdog backed off) more"
            + " than the truth; the poll started at the event's start time minus this, or later")
    @Timespan(Timespan.NANOSECONDS)
    public long runningTime;

    @Label("Virtual Thread")
    @Description("The virtual thread that is mounted, if the poll is a virtual-thread mount")
    public Thread virtualThread;

    @Label("Stack")
    @Description("The worker's (or mounted virtual thread's) stack when seen, innermost frame first, one"
            + " frame per line; empty when the stack was not taken (rate limit)")
    public String stack;
}
