package dev.taskflight.agent.internal.kotlin;

import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
    /** A pool being registered by its first worker. */
    private static final PoolProbe CLAIMED = new CoroutineSchedulerProbe("claimed", new Object(), null, false, false);
    /** How long a worker of a new pool waits for the worker registering it. */
    private static final long FIRST_SIGHT_WAIT_NANOS = 100_000_000L;
    private static final VarHandle CPU;
    private static final VarHandle BLOCKING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CPU = lookup.findVarHandle(SchedulerPools.class, "cpu", PoolProbe.class);
            BLOCKING = lookup.findVarHandle(SchedulerPools.class, "blocking", PoolProbe.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
        if (p == null || p == CLAIMED) {
            p = register(blockingTasks, options);
        }
        return p == EXCLUDED ? null : p;
    }

    /**
     * Registers a pool the first time one of its tasks runs, without a lock: the first worker claims
     * the pool by compare-and-set and registers it; a worker arriving meanwhile spins for it (at most
     * {@link #FIRST_SIGHT_WAIT_NANOS}) rather than run its task uncounted.
     */
    private PoolProbe register(boolean blockingTasks, AgentOptions options) {
        VarHandle slot = blockingTasks ? BLOCKING : CPU;
        if (slot.compareAndSet(this, null, CLAIMED)) {
            String poolName = poolName(name, blockingTasks);
            PoolProbe p = EXCLUDED;
            try {
                if (options.accepts(poolName)) {
                    p = PoolRegistry.register(new CoroutineSchedulerProbe(poolName, scheduler, handles, blockingTasks,
                            name.equals(DEFAULT_SCHEDULER_NAME)));
                }
            } finally {
                slot.setVolatile(this, p);
            }
            return p;
        }
        long deadline = System.nanoTime() + FIRST_SIGHT_WAIT_NANOS;
        PoolProbe p;
        for (int spins = 0; (p = (PoolProbe) slot.getVolatile(this)) == CLAIMED
                && System.nanoTime() - deadline < 0; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return p == CLAIMED ? EXCLUDED : p;
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
