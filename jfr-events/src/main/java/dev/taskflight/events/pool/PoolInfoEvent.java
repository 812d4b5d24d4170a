package dev.taskflight.events.pool;

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

/**
 * The identity and configuration of one pool, written in every chunk so that any part of a
 * recording names its pools. Fields a kind of pool does not have are -1.
 */
@Name(EventNames.POOL_INFO)
@Label("Pool Info")
@Category({EventNames.CATEGORY, "Pool"})
@Description("Identity and configuration of a pool")
@Enabled(true)
@Period("everyChunk")
@StackTrace(false)
public final class PoolInfoEvent extends Event {

    @Label("Pool")
    @Description("Name of the pool, as used by every other Taskflight event")
    public String pool;

    @Label("Kind")
    @Description("Which scheduler the pool is: ThreadPoolExecutor, ScheduledThreadPoolExecutor,"
            + " ForkJoinPool or VirtualThreadScheduler")
    public String kind;

    @Label("Parallelism")
    @Description("Target number of workers: the core size of a ThreadPoolExecutor, the parallelism of"
            + " a ForkJoinPool")
    public int parallelism;

    @Label("Core Pool Size")
    @Description("Core size of a ThreadPoolExecutor, -1 for other pools")
    public int corePoolSize;

    @Label("Maximum Pool Size")
    @Description("Largest number of workers the pool may have")
    public int maximumPoolSize;

    @Label("Keep-Alive Time")
    @Description("How long an idle worker above the core size lives, -1 if not applicable")
    @Timespan(Timespan.NANOSECONDS)
    public long keepAliveTime;

    @Label("Queue Capacity")
    @Description("Capacity of a ThreadPoolExecutor's queue (Integer.MAX_VALUE when unbounded), -1"
            + " for other pools")
    public long queueCapacity;

    @Label("Async Mode")
    @Description("Whether a ForkJoinPool runs its workers' local tasks first-in first-out")
    public boolean asyncMode;

    @Label("Instrumentation")
    @Description("How the pool's events are produced: library, agent or sampling")
    public String instrumentation;

    @Label("Taskflight Version")
    @Description("Version of the Taskflight recorder that wrote the events")
    public String taskflightVersion;
}
