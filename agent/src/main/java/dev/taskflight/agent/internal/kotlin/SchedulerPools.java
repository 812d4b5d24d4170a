package dev.taskflight.agent.internal.kotlin;

import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;

/**
 * The two pools of one {@code CoroutineScheduler}: its CPU tasks and its blocking tasks, named
 * {@code Dispatchers.Default} and {@code Dispatchers.IO} for the default scheduler
 * ({@code DefaultDispatcher}), {@code NAME} and {@code NAME.IO} for a scheduler named otherwise.
 * Each is registered when its first task runs; an excluded one is never registered.
 */
final class SchedulerPools {

    /** The name {@code Dispatchers.Default} and {@code Dispatchers.IO}'s scheduler gives itself. */
    static final String DEFAULT_SCHEDULER_NAME = "DefaultDispatcher";

    private static final PoolProbe EXCLUDED = new CoroutineSchedulerProbe("excluded", new Object(), null, false, false);

    private final Object scheduler;
    private final SchedulerHandles handles;
    private final String name;
    private volatile PoolProbe cpu;
    private volatile PoolProbe blocking;

    SchedulerPools(Object scheduler, SchedulerHandles handles) throws Throwable {
        this.scheduler = scheduler;
        this.handles = handles;
        this.name = String.valueOf((Object) handles.schedulerName.invokeExact(scheduler));
    }

    /**
     * @param blockingTasks the blocking tasks' pool, else the CPU tasks'
     * @param options which pools to record
     * @return the pool, or {@code null} if excluded
     */
    PoolProbe pool(boolean blockingTasks, AgentOptions options) {
        PoolProbe p = blockingTasks ? blocking : cpu;
        if (p == null) {
            p = register(blockingTasks, options);
        }
        return p == EXCLUDED ? null : p;
    }

    private synchronized PoolProbe register(boolean blockingTasks, AgentOptions options) {
        PoolProbe p = blockingTasks ? blocking : cpu;
        if (p != null) {
            return p;
        }
        String poolName = poolName(name, blockingTasks);
        p = options.accepts(poolName)
                ? PoolRegistry.register(new CoroutineSchedulerProbe(poolName, scheduler, handles, blockingTasks,
                        name.equals(DEFAULT_SCHEDULER_NAME)))
                : EXCLUDED;
        if (blockingTasks) {
            blocking = p;
        } else {
            cpu = p;
        }
        return p;
    }

    /**
     * @param schedulerName the scheduler's own name
     * @param blockingTasks the blocking tasks' pool, else the CPU tasks'
     * @return the pool's name
     */
    static String poolName(String schedulerName, boolean blockingTasks) {
        if (schedulerName.equals(DEFAULT_SCHEDULER_NAME)) {
            return blockingTasks ? "Dispatchers.IO" : "Dispatchers.Default";
        }
        return blockingTasks ? schedulerName + ".IO" : schedulerName;
    }
}
