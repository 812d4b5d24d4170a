package dev.taskflight.agent.internal.pool;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.agent.internal.WeakIdentityMap;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SampledSubmissions;
import java.util.function.Function;

/**
 * The worker runtime every scheduler adapter shares: finds the pool of a worker thread (creating and
 * registering its probe the first time the pool is seen, through the family's {@link PoolModel}),
 * keeps each worker thread's {@link AgentWorker}, and samples submissions for their scheduling delay.
 *
 * <p>Lock-free: the pool's probe is found by an identity scan of a copy-on-write array, the worker's
 * state in a thread-local. The first worker of a new pool creates its probe outside any lock, publishes
 * it, then registers it with the recorder; another worker of the same new pool arriving while the
 * probe is created (microseconds) spins for it, at most {@value #FIRST_SIGHT_WAIT_MILLIS} ms, so that
 * none of its tasks goes uncounted, and attaches to it at once, registered or not. Workers of other
 * pools never wait. Never throws.
 */
public final class PoolWorkers {

    /** How long a worker of a new pool waits for another worker registering the pool. */
    static final long FIRST_SIGHT_WAIT_MILLIS = 100;

    private static final ThreadLocal<AgentWorker> CURRENT = new ThreadLocal<>();
    /** The probe value of a pool that is excluded by the options or not instrumented. */
    private static final Object EXCLUDED = new Object();
    private static final WeakIdentityMap<Object, Object> PROBES = new WeakIdentityMap<>();

    private static volatile AgentOptions options = AgentOptions.DEFAULTS;

    private PoolWorkers() {
    }

    /** @param agentOptions the options that decide which pools are instrumented */
    public static void configure(AgentOptions agentOptions) {
        options = agentOptions;
    }

    /**
     * Returns the current thread's worker in a pool, attaching the thread the first time.
     *
     * @param pool the pool object the current thread works for, not {@code null}
     * @param model how the pool's family names and samples it
     * @return the worker, or {@code null} if the pool is excluded, not yet known, or on failure
     */
    public static AgentWorker worker(Object pool, PoolModel model) {
        AgentWorker w = CURRENT.get();
        return w != null && w.pool == pool ? w : attach(pool, model); // the per-task path: small enough to inline
    }

    /** The current thread's first task or wait in {@code pool}: finds or makes the pool's probe, attaches. */
    private static AgentWorker attach(Object pool, PoolModel model) {
        try {
            Object probe = PROBES.get(pool);
            if (probe == null) {
                NewProbe making = new NewProbe(model, Thread.currentThread());
                probe = PROBES.computeIfAbsent(pool, making, FIRST_SIGHT_WAIT_MILLIS * 1_000_000L);
                if (making.created && probe instanceof PoolProbe p) {
                    model.register(p); // after publishing it: the pool's other workers attach meanwhile
                }
            }
            if (!(probe instanceof PoolProbe)) {
                return null;
            }
            PoolProbe poolProbe = (PoolProbe) probe;
            AgentWorker w = new AgentWorker(pool, poolProbe, poolProbe.attachWorker(Thread.currentThread()));
            CURRENT.set(w);
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /** @return the options that decide which pools are instrumented, not {@code null} */
    public static AgentOptions options() {
        return options;
    }

    /** @return the current thread's worker in whatever pool it was attached to, or {@code null} */
    public static AgentWorker current() {
        return CURRENT.get();
    }

    /**
     * The current thread, a pool's worker, exits: ends its poll or park and frees its index.
     *
     * @param w the worker, or {@code null}
     */
    public static void exit(AgentWorker w) {
        try {
            if (w != null) {
                if (CURRENT.get() == w) {
                    CURRENT.remove();
                }
                w.exit();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A task is submitted to a pool: while a recording runs, one in {@code SubmitStamps.interval()}
     * has its submit time remembered for the worker that will run it, if the pool is recorded.
     *
     * @param pool the pool
     * @param task the task, as a worker will get it
     */
    public static void submitted(Object pool, Object task) {
        try {
            if (task != null && SampledSubmissions.sample() && PROBES.get(pool) instanceof PoolProbe) {
                SampledSubmissions.remember(task, System.nanoTime());
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * Returns the probe of a pool already seen.
     *
     * @param pool the pool object
     * @return its probe, or {@code null} if unknown or excluded
     */
    public static PoolProbe probe(Object pool) {
        Object probe = PROBES.get(pool);
        return probe instanceof PoolProbe ? (PoolProbe) probe : null;
    }

    /**
     * Returns whether a pool has been seen, instrumented or excluded.
     *
     * @param pool the pool object
     * @return {@code true} once a worker of the pool has been attached, or the pool excluded
     */
    public static boolean known(Object pool) {
        return PROBES.get(pool) != null;
    }

    /**
     * Makes a new pool's probe, and remembers that it did. A class rather than a lambda: it runs on a
     * pool's first worker, where linking a lambda would spin a class (the agent preloads this one).
     */
    static final class NewProbe implements Function<Object, Object> {
        private final PoolModel model;
        private final Thread firstWorker;
        boolean created;

        NewProbe(PoolModel model, Thread firstWorker) {
            this.model = model;
            this.firstWorker = firstWorker;
        }

        @Override
        public Object apply(Object pool) {
            created = true;
            return newProbe(pool, model, firstWorker);
        }
    }

    private static Object newProbe(Object pool, PoolModel model, Thread firstWorker) {
        if (pool.getClass().getName().startsWith("dev.taskflight.")) {
            return EXCLUDED; // the library instruments its own pools
        }
        String name = model.name(pool, firstWorker);
        if (!options.accepts(name)) {
            return EXCLUDED;
        }
        return model.probe(pool, name);
    }
}
