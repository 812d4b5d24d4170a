package dev.taskflight.events.steal;

import dev.taskflight.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One steal: a {@code ForkJoinPool} worker taking a task from another worker's queue. The event
 * thread is the stealing worker.
 *
 * <p>Off by default: steals can happen millions of times a second. Steal counts are always
 * available, exactly, from {@code WorkerSample} and {@code QueueSample}.
 */
@Name(EventNames.TASK_STEAL)
@Label("Task Steal")
@Category({EventNames.CATEGORY, "Steal"})
@Description("A worker taking a task from another worker's queue")
@Enabled(false)
@StackTrace(false)
public final class TaskStealEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool")
    public String pool;

    @Label("Worker")
    @Description("Index of the stealing worker in its pool")
    public int worker;

    @Label("Victim Queue")
    @Description("Index of the queue the task was taken from, -1 if unknown")
    public int victimQueue;

    @Label("Task Class")
    @Description("Class of the stolen task")
    public Class<?> taskClass;
}
