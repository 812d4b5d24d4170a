package dev.taskflight.agent.internal.jetty;

import dev.taskflight.agent.internal.adapter.LibraryPoolProbe;
import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Jetty's {@code QueuedThreadPool}, read through its public getters (the same in Jetty 10, 11 and 12)
 * and its queue capacity field. Holds the pool weakly. Created on the pool's first worker thread, so
 * it only remembers the pool: the getters are looked up on first use, by the samplers.
 */
public final class JettyPoolProbe extends LibraryPoolProbe<JettyPoolProbe.Getters> {

    /** The pool class's getters and its queue capacity field. */
    record Getters(MethodHandle minThreads, MethodHandle maxThreads, MethodHandle threads,
            MethodHandle busyThreads, MethodHandle queueSize, MethodHandle idleTimeout, MethodHandle stopped,
            VarHandle capacity) {

        static Getters of(Class<?> type) {
            return new Getters(Reflect.method(type, "getMinThreads"), Reflect.method(type, "getMaxThreads"),
                    Reflect.method(type, "getThreads"), Reflect.method(type, "getBusyThreads"),
                    Reflect.method(type, "getQueueSize"), Reflect.method(type, "getIdleTimeout"),
                    Reflect.method(type, "isStopped"), Reflect.field(type, "_capacity"));
        }
    }

    /**
     * Creates the probe of a Jetty pool.
     *
     * @param pool the {@code QueuedThreadPool}, not {@code null}
     * @param name the requested name
     */
    public JettyPoolProbe(Object pool, String name) {
        super(name, PoolKinds.JETTY_QUEUED_THREAD_POOL, Instrumentation.AGENT, pool);
    }

    @Override
    protected Getters findGetters(Class<?> poolClass) {
        return Getters.of(poolClass);
    }

    @Override
    public boolean isTerminated() {
        Object p = pool();
        return p == null || Reflect.booleanValue(getters().stopped(), p, false);
    }

    @Override
    public long queuedTasks() {
        return Reflect.longValue(getters().queueSize(), pool(), -1);
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        Object p = pool();
        if (p == null) {
            return;
        }
        Getters g = getters();
        event.parallelism = (int) Reflect.longValue(g.minThreads(), p, -1);
        event.poolSize = (int) Reflect.longValue(g.threads(), p, -1);
        event.activeWorkers = (int) Reflect.longValue(g.busyThreads(), p, -1);
        event.runningWorkers = -1;
        event.queuedTasks = Math.max(0, Reflect.longValue(g.queueSize(), p, 0));
        event.queuedSubmissions = -1;
        event.steals = -1;
        event.completedTasks = -1;
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        Object p = pool();
        if (p == null) {
            return;
        }
        Getters g = getters();
        event.parallelism = (int) Reflect.longValue(g.minThreads(), p, -1);
        event.corePoolSize = (int) Reflect.longValue(g.minThreads(), p, -1);
        event.maximumPoolSize = (int) Reflect.longValue(g.maxThreads(), p, -1);
        long idleMillis = Reflect.longValue(g.idleTimeout(), p, -1);
        event.keepAliveTime = idleMillis < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(idleMillis);
        event.queueCapacity = queueCapacity(g.capacity(), p);
        event.asyncMode = false;
    }

    /** Jetty's {@code _capacity}: -1 for an unbounded queue (reported as {@code Integer.MAX_VALUE}). */
    private static long queueCapacity(VarHandle capacity, Object p) {
        try {
            if (capacity == null) {
                return -1;
            }
            int c = (int) capacity.get(p);
            return c < 0 ? Integer.MAX_VALUE : c;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
