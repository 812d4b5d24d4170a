package dev.taskflight.events.poll;

import dev.taskflight.events.EventNames;
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
    @Description("Name of the pool the worker belongs to")
    public String pool;

    @Label("Worker")
    @Description("Index of the worker in its pool, -1 if unknown")
    public int worker;

    @Label("Task Class")
    @Description("Class of the task that ran, or of the virtual thread's task")
    public Class<?> taskClass;

    @Label("Task Name")
    @Description("The code that defined the task when its class is a lambda or method reference: the"
            + " declaring class and method, e.g. \"com.example.Orders.submit (lambda 0)\" or"
            + " \"com.example.Orders::handle\"; \"(not seen running: one of N polls)\" for a production"
            + " window of polls of which one or more took this long, no task class then; null otherwise")
    public String taskName;

    @Label("Scheduling Delay")
    @Description("Time from the task's submission, or the virtual thread's unpark, to the start of the"
            + " poll; Long.MIN_VALUE when not measured")
    @Timespan(Timespan.NANOSECONDS)
    public long schedulingDelay;

    @Label("Stolen")
    @Description("Whether the task ran on another worker than the one whose queue it was pushed to")
    public boolean stolen;

    @Label("Virtual Thread")
    @Description("The virtual thread that was mounted, if the poll is a virtual-thread mount")
    public Thread virtualThread;
}
