package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.internal.worker.QueueDepth;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pool of a family of executors (see {@link ExecutorFamilies}): the sum of its live members.
 * Members join when they are constructed; the pool is registered when its first worker starts.
 * Its parallelism is the number of live members, so a scheduler that retires idle executors
 * ({@code boundedElastic}) reports the executors it has now, not its cap. It lives as long as the
 * family's thread factory. Members are held weakly; nothing locks.
 */
final class ExecutorFamilyProbe extends PoolProbe {

    private final WeakReference<ThreadFactory> factory;
    private final AtomicBoolean started = new AtomicBoolean();
    @SuppressWarnings("unchecked")
    private final AtomicReference<WeakReference<ThreadPoolExecutor>[]> members =
            new AtomicReference<>(new WeakReference[0]);

    ExecutorFamilyProbe(String name, String kind, ThreadFactory factory) {
        super(name, kind, Instrumentation.AGENT);
        this.factory = new WeakReference<>(factory);
    }

    /** @return {@code true} the first time only: the pool's first worker starts, it is registered now */
    boolean firstWorker() {
        return started.compareAndSet(false, true);
    }

    /** @param executor a new member; lock-free (a copy-on-write array swapped by compare-and-set) */
    void join(ThreadPoolExecutor executor) {
        for (;;) {
            WeakReference<ThreadPoolExecutor>[] current = members.get();
            List<WeakReference<ThreadPoolExecutor>> live = new ArrayList<>();
            for (WeakReference<ThreadPoolExecutor> m : current) {
                ThreadPoolExecutor e = m.get();
                if (e == executor) {
                    return;
                }
                if (e != null && !e.isTerminated()) {
                    live.add(m);
                }
            }
            live.add(new WeakReference<>(executor));
            if (members.compareAndSet(current, live.toArray(Arrays.copyOf(current, 0)))) {
                return;
            }
        }
    }

    private List<ThreadPoolExecutor> live() {
        List<ThreadPoolExecutor> result = new ArrayList<>();
        for (WeakReference<ThreadPoolExecutor> m : members.get()) {
            ThreadPoolExecutor e = m.get();
            if (e != null && !e.isTerminated()) {
                result.add(e);
            }
        }
        return result;
    }

    @Override
    public boolean isTerminated() {
        return factory.get() == null;
    }

    /**
     * {@inheritDoc} For scheduled members, as {@code ThreadPoolProbe}: 1 per member whose earliest task
     * is due. Read without the queues' locks; -1 if a member's queue cannot be read so.
     */
    @Override
    public long queuedTasks() {
        long queued = 0;
        for (ThreadPoolExecutor e : live()) {
            long depth = QueueDepth.due(e.getQueue());
            if (depth < 0) {
                return -1;
            }
            queued += depth;
        }
        return queued;
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        List<ThreadPoolExecutor> live = live();
        int poolSize = 0;
        int active = 0;
        for (ThreadPoolExecutor e : live) {
            poolSize += e.getPoolSize();
            active += e.getActiveCount();
        }
        event.parallelism = live.size();
        event.poolSize = poolSize;
        event.activeWorkers = active;
        event.runningWorkers = -1;
        event.queuedTasks = queuedTasks();
        event.queuedSubmissions = -1;
        event.steals = -1;
        event.completedTasks = -1; // members retire: a sum over the live ones would decrease
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        List<ThreadPoolExecutor> live = live();
        event.parallelism = live.size();
        event.corePoolSize = live.size();
        event.maximumPoolSize = -1;
        event.keepAliveTime = -1;
        event.queueCapacity = -1;
        event.asyncMode = false;
    }
}
