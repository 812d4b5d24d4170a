package dev.taskflight.agent.internal.forkjoin;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.agent.internal.PoolNames;
import dev.taskflight.agent.internal.WeakIdentityMap;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.SampledSubmissions;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;

/**
 * What the instrumented {@code ForkJoinPool} calls, on every JDK line: a worker starts and exits
 * ({@code runWorker}), runs a top-level task it took from a queue ({@code WorkQueue.topLevelExec}:
 * one poll, stolen if the queue was another worker's), and waits for work ({@code awaitWork}: one
 * park). Every method swallows its own failures.
 */
public final class FjpHooks {

    private static final Object EXCLUDED = new Object();
    private static final WeakIdentityMap<ForkJoinPool, Object> PROBES = new WeakIdentityMap<>();
    private static final WeakIdentityMap<ForkJoinPool, String> SITES = new WeakIdentityMap<>();
    /** Linked with the class, not on the pool's first worker. */
    private static final Function<ForkJoinPool, Object> NEW_PROBE = FjpHooks::newProbe;
    private static final String CARRIER_THREAD = "jdk.internal.misc.CarrierThread";
    /** How long a worker of a new pool waits for another worker creating the pool's probe. */
    private static final long FIRST_SIGHT_WAIT_NANOS = 100_000_000L;

    private static volatile AgentOptions options = AgentOptions.DEFAULTS;
    /** Attached to a running JVM: pools created before have no creation site; their first submission names them. */
    private static volatile boolean late;

    private FjpHooks() {
    }

    /** @param agentOptions the options that decide which pools are instrumented */
    public static void configure(AgentOptions agentOptions) {
        options = agentOptions;
    }

    /**
     * A pool was constructed: remembers where, if its threads will have the JDK's default names.
     *
     * @param pool the new pool
     */
    public static void created(ForkJoinPool pool) {
        try {
            if (pool.getFactory() == ForkJoinPool.defaultForkJoinWorkerThreadFactory
                    && !pool.getClass().getName().startsWith("dev.taskflight.")) {
                PoolNames.rememberCreationSite(SITES, pool);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** The agent is attached to a running JVM: pools it has not seen yet are named where they are submitted to. */
    public static void attachedLate() {
        late = true;
    }

    /** A worker thread starts: attaches it. */
    public static void workerStart() {
        try {
            current();
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** A worker thread exits: detaches it. */
    public static void workerExit() {
        try {
            Thread thread = Thread.currentThread();
            if (thread instanceof ForkJoinWorkerThread) {
                FjWorkers.remove(thread);
                AgentForkJoinPoolProbe probe = probe(((ForkJoinWorkerThread) thread).getPool());
                if (probe != null) {
                    probe.detach((ForkJoinWorkerThread) thread);
                }
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A task is submitted to a pool: while a recording runs, one in {@code SubmitStamps.interval()}
     * submitted from outside the pool has its submit time remembered, if the pool is recorded and
     * is not a virtual-thread scheduler, for the worker that will start it. (A worker's own
     * submissions go to its own queue and mostly run inside its current poll.)
     *
     * @param pool the pool
     * @param task the task, as a worker will start it
     */
    public static void submitted(ForkJoinPool pool, Object task) {
        try {
            if (late && PROBES.get(pool) == null && SITES.get(pool) == null
                    && pool.getFactory() == ForkJoinPool.defaultForkJoinWorkerThreadFactory
                    && pool != ForkJoinPool.commonPool() && !pool.getClass().getName().startsWith("dev.taskflight.")) {
                // a pool created before the attach: where the application submits to it stands in for its creation site
                PoolNames.rememberCreationSite(SITES, pool);
            }
            if (task == null || !SampledSubmissions.sample()) {
                return;
            }
            Thread thread = Thread.currentThread();
            if (thread instanceof ForkJoinWorkerThread && ((ForkJoinWorkerThread) thread).getPool() == pool) {
                return;
            }
            if (PROBES.get(pool) instanceof AgentForkJoinPoolProbe probe && !probe.isVirtualThreadScheduler()) {
                SampledSubmissions.remember(task, System.nanoTime());
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A worker starts a top-level task taken from queue {@code source}.
     *
     * @param task the task
     * @param source the worker's {@code source} field: the index of the queue the task came from
     *        in its low 16 bits
     * @return the worker's probe, or {@code null} if the poll is not recorded here
     */
    public static WorkerProbe pollStart(Object task, int source) {
        try {
            FjWorkers.Entry e = entry();
            if (e == null || e.probe == null || e.virtualThreadScheduler) {
                return null; // a virtual-thread scheduler's polls are mounts, recorded by VtHooks
            }
            WorkerProbe w = e.probe;
            int queue = source & 0xffff;
            boolean stolen = (queue & 1) != 0 && (queue >>> 1) != e.poolIndex;
            if (stolen) {
                w.stole(queue, task);
            }
            w.pollStart(SampledSubmissions.take(task), task);
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * Inside {@code topLevelExec}, the worker took another task from the queue its top-level task
     * came from (JDK 17 to 20 drain that queue in one call): the poll so far ends and a new one
     * starts, so each of those tasks is a poll of its own.
     *
     * @param task the next task
     * @param owner the owner of the queue it came from, {@code null} for a submission queue
     */
    public static void nextFromSource(Object task, Thread owner) {
        try {
            FjWorkers.Entry e = entry();
            WorkerProbe w = e == null ? null : e.probe;
            if (w == null || e.virtualThreadScheduler || !w.inOutermostPoll()) {
                return;
            }
            boolean stolen = owner instanceof ForkJoinWorkerThread && owner != w.thread();
            w.pollEnd();
            if (stolen) {
                w.stole((((ForkJoinWorkerThread) owner).getPoolIndex() << 1) | 1, task);
            }
            w.pollStart(SampledSubmissions.take(task), task);
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * The top-level task, and the local tasks the worker ran after it, are done.
     *
     * @param w the probe returned by {@link #pollStart}
     */
    public static void pollEnd(WorkerProbe w) {
        try {
            if (w != null) {
                w.pollEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A worker starts waiting for work.
     *
     * @return the worker's probe, or {@code null}
     */
    public static WorkerProbe parkStart() {
        try {
            WorkerProbe w = current();
            if (w != null) {
                w.parkStart();
            }
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A worker stops waiting: it has work, or will exit.
     *
     * @param w the probe returned by {@link #parkStart}
     */
    public static void parkEnd(WorkerProbe w) {
        try {
            if (w != null) {
                w.parkEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * Returns the probe of the current thread if it is a worker of an instrumented pool.
     *
     * @return the worker's probe, or {@code null}
     */
    public static WorkerProbe current() {
        FjWorkers.Entry e = entry();
        return e == null ? null : e.probe;
    }

    /**
     * Returns the probe of the current thread if it is a carrier of an instrumented virtual-thread
     * scheduler.
     *
     * @return the carrier's probe, or {@code null}
     */
    public static WorkerProbe currentCarrier() {
        FjWorkers.Entry e = entry();
        return e != null && e.virtualThreadScheduler ? e.probe : null;
    }

    /**
     * Returns the current thread's cached worker entry, finding (and attaching) the worker the
     * first time.
     *
     * @return the entry, or {@code null} if the current thread is not a {@code ForkJoinPool} worker
     */
    private static FjWorkers.Entry entry() {
        Thread thread = Thread.currentThread();
        if (!(thread instanceof ForkJoinWorkerThread)) {
            return null;
        }
        FjWorkers.Entry e = FjWorkers.get(thread);
        return e != null ? e : lookUp((ForkJoinWorkerThread) thread);
    }

    /** The slow path, once per worker thread (or after its cache slot was taken): map, index, attach. */
    private static FjWorkers.Entry lookUp(ForkJoinWorkerThread worker) {
        Object known = known(worker.getPool());
        if (known == null) { // another worker is still creating the pool's probe: look again next time
            return new FjWorkers.Entry(worker, null, worker.getPoolIndex(), false);
        }
        AgentForkJoinPoolProbe probe = known instanceof AgentForkJoinPoolProbe p ? p : null;
        FjWorkers.Entry e = probe == null
                ? new FjWorkers.Entry(worker, null, worker.getPoolIndex(), false)
                : new FjWorkers.Entry(worker, probe.worker(worker), worker.getPoolIndex(),
                        probe.isVirtualThreadScheduler());
        FjWorkers.put(e);
        return e;
    }

    private static AgentForkJoinPoolProbe probe(ForkJoinPool pool) {
        return known(pool) instanceof AgentForkJoinPoolProbe p ? p : null;
    }

    /**
     * The pool's probe, or {@link #EXCLUDED}, creating it the first time; {@code null} if another worker
     * is still creating it after a short wait (the map takes no lock).
     */
    private static Object known(ForkJoinPool pool) {
        Object probe = PROBES.get(pool);
        return probe != null ? probe : PROBES.computeIfAbsent(pool, NEW_PROBE, FIRST_SIGHT_WAIT_NANOS);
    }

    private static Object newProbe(ForkJoinPool pool) {
        if (pool.getClass().getName().startsWith("dev.taskflight.")) {
            return EXCLUDED; // the library instruments it already
        }
        Thread thread = Thread.currentThread();
        boolean common = pool == ForkJoinPool.commonPool();
        boolean scheduler = thread.getClass().getName().equals(CARRIER_THREAD);
        String name;
        if (common) {
            name = PoolRegistry.COMMON_POOL_NAME;
        } else if (scheduler) {
            name = PoolNames.VIRTUAL_THREAD_SCHEDULER;
        } else {
            String site = SITES.get(pool);
            name = site != null ? site : PoolNames.fromThreadName(thread.getName())
                    .orElse(thread.getName().replaceAll("[-_]?\\d+$", ""));
        }
        SITES.remove(pool);
        if (!options.accepts(name)) {
            return EXCLUDED;
        }
        AgentForkJoinPoolProbe probe = new AgentForkJoinPoolProbe(name, pool, scheduler);
        if (common) {
            PoolRegistry.registerCommonPool(probe);
            return probe;
        }
        return PoolRegistry.register(probe);
    }
}
