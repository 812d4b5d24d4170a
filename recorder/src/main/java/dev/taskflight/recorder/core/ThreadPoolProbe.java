package dev.taskflight.recorder.core;

import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.recorder.internal.worker.QueueDepth;
import java.lang.ref.WeakReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ThreadPoolExecutor} (scheduled or not) seen through its public API. Holds the pool
 * weakly: a pool nobody else references is reported as terminated and dropped.
 */
public class ThreadPoolProbe extends PoolProbe {

    private final WeakReference<ThreadPoolExecutor> pool;

    /**
     * Creates a probe for a pool.
     *
     * @param name the requested pool name
     * @param pool the pool, not {@code null}
     * @param instrumentation one of {@link dev.taskflight.events.Instrumentation}
     */
    public ThreadPoolProbe(String name, ThreadPoolExecutor pool, String instrumentation) {
        super(name, pool instanceof ScheduledThreadPoolExecutor
                ? PoolKinds.SCHEDULED_THREAD_POOL_EXECUTOR
                : PoolKinds.THREAD_POOL_EXECUTOR, instrumentation);
        this.pool = new WeakReference<>(pool);
    }

    /** @return the pool, or {@code null} once it has been collected */
    protected final ThreadPoolExecutor pool() {
        return pool.get();
    }

    @Override
    public boolean isTerminated() {
        ThreadPoolExecutor p = pool.get();
        return p == null || p.isTerminated();
    }

    /**
     * {@inheritDoc} For a scheduled pool only tasks already due are waiting work: this returns 1 when
     * the earliest task is due (a lower bound; counting all due tasks would scan the delay queue),
     * else 0. Read without the queue's lock, since a worker reads it as it parks: -1 for a queue that
     * {@link QueueDepth} cannot read so.
     */
    @Override
    public long queuedTasks() {
        ThreadPoolExecutor p = pool.get();
        return p == null ? -1 : QueueDepth.due(p.getQueue());
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        ThreadPoolExecutor p = pool.get();
        if (p == null) {
            return;
        }
        event.parallelism = p.getCorePoolSize();
        event.poolSize = p.getPoolSize();
        event.activeWorkers = p.getActiveCount();
        event.runningWorkers = -1;
        event.queuedTasks = sampledSize(p.getQueue());
        event.queuedSubmissions = -1;
        event.steals = -1;
        event.completedTasks = p.getCompletedTaskCount();
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        ThreadPoolExecutor p = pool.get();
        if (p == null) {
            return;
        }
        BlockingQueue<Runnable> queue = p.getQueue();
        event.parallelism = p.getCorePoolSize();
        event.corePoolSize = p.getCorePoolSize();
        event.maximumPoolSize = p.getMaximumPoolSize();
        event.keepAliveTime = p.getKeepAliveTime(TimeUnit.NANOSECONDS);
        long remaining = queue.remainingCapacity();
        event.queueCapacity = remaining == Integer.MAX_VALUE ? Integer.MAX_VALUE : remaining + queue.size();
        event.asyncMode = false;
    }

    /**
     * The depth of a queue for a periodic sample, which runs on the flight recorder's thread, not a
     * worker's: without the queue's lock where {@link QueueDepth} can, else through its own
     * {@code size()}.
     *
     * @param queue the pool's queue
     * @return the count
     */
    private static long sampledSize(BlockingQueue<Runnable> queue) {
        long size = QueueDepth.size(queue);
        return size != QueueDepth.UNKNOWN ? size : queue.size();
    }
}
