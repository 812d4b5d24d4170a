package dev.taskflight.agent.internal.jetty;

import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.recorder.core.PoolProbe;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;

/**
 * Jetty's {@code QueuedThreadPool}, read through its public getters (the same in Jetty 10, 11 and 12)
 * and its queue capacity field. Holds the pool weakly.
 */
public final class JettyPoolProbe extends PoolProbe {

    private final WeakReference<Object> pool;
    private final MethodHandle minThreads;
    private final MethodHandle maxThreads;
    private final MethodHandle threads;
    private final MethodHandle busyThreads;
    private final MethodHandle queueSize;
    private final MethodHandle idleTimeout;
    private final MethodHandle stopped;
    private final VarHandle capacity;

    /**
     * Creates the probe of a Jetty pool.
     *
     * @param pool the {@code QueuedThreadPool}, not {@code null}
     * @param name the requested name
     */
    public JettyPoolProbe(Object pool, String name) {
        super(name, PoolKinds.JETTY_QUEUED_THREAD_POOL, Instrumentation.AGENT);
        this.pool = new WeakReference<>(pool);
        Class<?> type = pool.getClass();
        minThreads = Reflect.method(type, "getMinThreads");
        maxThreads = Reflect.method(type, "getMaxThreads");
        threads = Reflect.method(type, "getThreads");
        busyThreads = Reflect.method(type, "getBusyThreads");
        queueSize = Reflect.method(type, "getQueueSize");
        idleTimeout = Reflect.method(type, "getIdleTimeout");
        stopped = Reflect.method(type, "isStopped");
        capacity = Reflect.field(type, "_capacity");
    }

    @Override
    public boolean isTerminated() {
        Object p = pool.get();
        return p == null || Reflect.booleanValue(stopped, p, false);
    }

    @Override
    public long queuedTasks() {
        return Reflect.longValue(queueSize, pool.get(), -1);
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        Object p = pool.get();
        if (p == null) {
            return;
        }
        event.parallelism = (int) Reflect.longValue(minThreads, p, -1);
        event.poolSize = (int) Reflect.longValue(threads, p, -1);
        event.activeWorkers = (int) Reflect.longValue(busyThreads, p, -1);
        event.runningWorkers = -1;
        event.queuedTasks = Math.max(0, Reflect.longValue(queueSize, p, 0));
        event.queuedSubmissions = -1;
        event.steals = -1;
        event.completedTasks = -1;
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        Object p = pool.get();
        if (p == null) {
            return;
        }
        event.parallelism = (int) Reflect.longValue(minThreads, p, -1);
        event.corePoolSize = (int) Reflect.longValue(minThreads, p, -1);
        event.maximumPoolSize = (int) Reflect.longValue(maxThreads, p, -1);
        long idleMillis = Reflect.longValue(idleTimeout, p, -1);
        event.keepAliveTime = idleMillis < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(idleMillis);
        event.queueCapacity = queueCapacity(p);
        event.asyncMode = false;
    }

    /** Jetty's {@code _capacity}: -1 for an unbounded queue (reported as {@code Integer.MAX_VALUE}). */
    private long queueCapacity(Object p) {
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
