package dev.taskflight.recorder.core;

import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.recorder.core.PoolProbe;
import java.lang.ref.WeakReference;
import java.util.concurrent.ForkJoinPool;

/**
 * A {@link ForkJoinPool} seen through its public API. Holds the pool weakly: a pool nobody else
 * references is reported as terminated and dropped.
 */
public class ForkJoinPoolProbe extends PoolProbe {

    private final WeakReference<ForkJoinPool> pool;

    /**
     * Creates a probe for a pool.
     *
     * @param name the requested pool name
     * @param pool the pool, not {@code null}
     * @param instrumentation one of {@link dev.taskflight.events.Instrumentation}
     */
    public ForkJoinPoolProbe(String name, ForkJoinPool pool, String instrumentation) {
        this(name, pool, PoolKinds.FORK_JOIN_POOL, instrumentation);
    }

    /**
     * Creates a probe for a pool of a given kind, such as the scheduler of virtual threads.
     *
     * @param name the requested pool name
     * @param pool the pool, not {@code null}
     * @param kind one of {@link PoolKinds}
     * @param instrumentation one of {@link dev.taskflight.events.Instrumentation}
     */
    protected ForkJoinPoolProbe(String name, ForkJoinPool pool, String kind, String instrumentation) {
        super(name, kind, instrumentation);
        this.pool = new WeakReference<>(pool);
    }

    /** @return the pool, or {@code null} once it has been collected */
    protected final ForkJoinPool pool() {
        return pool.get();
    }

    @Override
    public boolean isTerminated() {
        ForkJoinPool p = pool.get();
        return p == null || p.isTerminated();
    }

    @Override
    public long queuedTasks() {
        ForkJoinPool p = pool.get();
        return p == null ? -1 : p.getQueuedTaskCount() + p.getQueuedSubmissionCount();
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        ForkJoinPool p = pool.get();
        if (p == null) {
            return;
        }
        event.parallelism = p.getParallelism();
        event.poolSize = p.getPoolSize();
        event.activeWorkers = p.getActiveThreadCount();
        event.runningWorkers = p.getRunningThreadCount();
        event.queuedTasks = p.getQueuedTaskCount();
        event.queuedSubmissions = p.getQueuedSubmissionCount();
        event.steals = p.getStealCount();
        event.completedTasks = -1;
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        ForkJoinPool p = pool.get();
        if (p == null) {
            return;
        }
        event.parallelism = p.getParallelism();
        event.corePoolSize = -1;
        event.maximumPoolSize = -1;
        event.keepAliveTime = -1;
        event.queueCapacity = -1;
        event.asyncMode = p.getAsyncMode();
    }
}
