package dev.taskflight.agent.internal.kotlin;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;
import java.lang.ref.WeakReference;

/**
 * One task mode of a {@code CoroutineScheduler} as a pool: its CPU tasks ({@code Dispatchers.Default})
 * or its blocking tasks ({@code Dispatchers.IO}). Both share the scheduler's threads, so both report
 * the scheduler's thread count as their pool size; each reports its own global queue. A worker's
 * local queue holds tasks of both modes and is reported by the CPU pool only. Holds the scheduler
 * weakly; never throws out of a read (the registry guards it).
 */
final class CoroutineSchedulerProbe extends PoolProbe {

    /** {@code kotlinx.coroutines.io.parallelism}'s default: the larger of 64 and the processor count. */
    private static final int DEFAULT_IO_PARALLELISM = 64;

    private final WeakReference<Object> scheduler;
    private final SchedulerHandles handles;
    private final boolean blocking;
    private final boolean defaultScheduler;

    CoroutineSchedulerProbe(String name, Object scheduler, SchedulerHandles handles, boolean blocking,
            boolean defaultScheduler) {
        super(name, PoolKinds.COROUTINE_SCHEDULER, Instrumentation.AGENT);
        this.scheduler = new WeakReference<>(scheduler);
        this.handles = handles;
        this.blocking = blocking;
        this.defaultScheduler = defaultScheduler;
    }

    @Override
    public boolean isTerminated() {
        Object s = scheduler.get();
        try {
            return s == null || (boolean) handles.isTerminated.invokeExact(s);
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public long queuedTasks() {
        Object s = scheduler.get();
        if (s == null) {
            return -1;
        }
        try {
            Object queue = blocking ? (Object) handles.blockingQueue.invokeExact(s) : (Object) handles.cpuQueue.invokeExact(s);
            return (int) handles.queueSize.invokeExact(queue);
        } catch (Throwable t) {
            return -1;
        }
    }

    @Override
    protected int localQueueDepth(WorkerProbe worker) {
        if (blocking) {
            return -1;
        }
        try {
            Object queue = (Object) handles.localQueue.invokeExact((Object) worker.thread());
            return (int) handles.localQueueSize.invokeExact(queue);
        } catch (Throwable t) {
            return -1;
        }
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        Object s = scheduler.get();
        if (s == null) {
            return;
        }
        event.parallelism = parallelism(s);
        event.poolSize = intOf(handles.createdWorkers, s);
        event.activeWorkers = -1;
        event.runningWorkers = -1;
        event.queuedTasks = queuedTasks();
        event.queuedSubmissions = -1;
        long steals = 0;
        for (WorkerProbe w : slots()) {
            steals += w.steals();
        }
        event.steals = steals;
        event.completedTasks = -1;
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        Object s = scheduler.get();
        if (s == null) {
            return;
        }
        event.parallelism = parallelism(s);
        event.corePoolSize = intOf(handles.corePoolSize, s);
        event.maximumPoolSize = intOf(handles.maxPoolSize, s);
        try {
            event.keepAliveTime = (long) handles.keepAliveNanos.invokeExact(s);
        } catch (Throwable t) {
            event.keepAliveTime = -1;
        }
        event.queueCapacity = -1;
        event.asyncMode = false;
    }

    /**
     * The CPU pool's parallelism is the scheduler's core size (its CPU permits). The blocking pool's
     * is {@code Dispatchers.IO}'s limit for the default scheduler, else the scheduler's maximum size.
     */
    private int parallelism(Object s) {
        if (!blocking) {
            return intOf(handles.corePoolSize, s);
        }
        if (defaultScheduler) {
            int fallback = Math.max(DEFAULT_IO_PARALLELISM, Runtime.getRuntime().availableProcessors());
            return Integer.getInteger("kotlinx.coroutines.io.parallelism", fallback);
        }
        return intOf(handles.maxPoolSize, s);
    }

    private static int intOf(java.lang.invoke.MethodHandle handle, Object s) {
        try {
            return (int) handle.invokeExact(s);
        } catch (Throwable t) {
            return -1;
        }
    }
}
