package dev.taskflight.agent.internal.forkjoin;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.recorder.core.WorkerProbe;
import dev.taskflight.recorder.core.ForkJoinPoolProbe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A JDK {@code ForkJoinPool} instrumented by the agent: the common pool, an application's pool, or
 * the default scheduler of virtual threads. Keeps its workers' probes by pool index, where a worker
 * seen for the first time (or again after its {@link FjWorkers} cache slot was taken) finds its
 * probe. Samples the pool as {@link ForkJoinPoolProbe} does.
 */
public final class AgentForkJoinPoolProbe extends ForkJoinPoolProbe {

    private static final VarHandle BY_POOL_INDEX;

    static {
        try {
            BY_POOL_INDEX = MethodHandles.lookup().findVarHandle(AgentForkJoinPoolProbe.class, "byPoolIndex",
                    WorkerProbe[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean virtualThreadScheduler;
    private volatile WorkerProbe[] byPoolIndex = new WorkerProbe[0];

    AgentForkJoinPoolProbe(String name, ForkJoinPool pool, boolean virtualThreadScheduler) {
        super(name, pool, virtualThreadScheduler ? PoolKinds.VIRTUAL_THREAD_SCHEDULER : PoolKinds.FORK_JOIN_POOL,
                Instrumentation.AGENT);
        this.virtualThreadScheduler = virtualThreadScheduler;
    }

    /** @return whether the pool mounts virtual threads, whose polls are mounts */
    public boolean isVirtualThreadScheduler() {
        return virtualThreadScheduler;
    }

    /**
     * Returns the probe of the current worker thread, attaching it if it has none yet.
     *
     * @param thread the current thread, a worker of this pool
     * @return the worker's probe, not {@code null}
     */
    WorkerProbe worker(ForkJoinWorkerThread thread) {
        int index = thread.getPoolIndex();
        WorkerProbe[] workers = byPoolIndex;
        WorkerProbe w = index < workers.length ? workers[index] : null;
        if (w != null && w.thread() == thread) {
            return w;
        }
        return attach(thread, index, w);
    }

    /** Attaches the worker and publishes it at its pool index by compare-and-set: no lock. */
    private WorkerProbe attach(ForkJoinWorkerThread thread, int index, WorkerProbe stale) {
        if (stale != null) {
            detachWorker(stale); // its thread exited without being seen (started before the agent)
        }
        WorkerProbe w = attachWorker(thread);
        for (;;) {
            WorkerProbe[] workers = byPoolIndex;
            WorkerProbe[] next = Arrays.copyOf(workers, Math.max(index + 1, workers.length));
            next[index] = w;
            if (BY_POOL_INDEX.compareAndSet(this, workers, next)) {
                return w;
            }
        }
    }

    /**
     * Detaches the current worker thread when it exits.
     *
     * @param thread the exiting worker
     */
    void detach(ForkJoinWorkerThread thread) {
        int index = thread.getPoolIndex();
        for (;;) {
            WorkerProbe[] workers = byPoolIndex;
            if (index >= workers.length || workers[index] == null || workers[index].thread() != thread) {
                return;
            }
            WorkerProbe exiting = workers[index];
            WorkerProbe[] next = workers.clone();
            next[index] = null;
            if (BY_POOL_INDEX.compareAndSet(this, workers, next)) {
                detachWorker(exiting);
                return;
            }
        }
    }

    @Override
    protected int localQueueDepth(WorkerProbe worker) {
        return worker.thread() instanceof ForkJoinWorkerThread
                ? LocalQueues.depth((ForkJoinWorkerThread) worker.thread())
                : -1;
    }
}
