package dev.taskflight.agent.internal.tomcat;

import dev.taskflight.agent.internal.adapter.LibraryPoolProbe;
import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import java.lang.invoke.MethodHandle;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tomcat's {@code org.apache.tomcat.util.threads.ThreadPoolExecutor} (a connector's request pool),
 * read through its public getters, which are those of the JDK class it copies. Holds the pool weakly.
 * Created on the pool's first worker thread, so it only remembers the pool: the getters are looked up
 * on first use, by the samplers.
 */
public final class TomcatPoolProbe extends LibraryPoolProbe<TomcatPoolProbe.Getters> {

    /** The pool class's getters. */
    record Getters(MethodHandle corePoolSize, MethodHandle maximumPoolSize, MethodHandle poolSize,
            MethodHandle activeCount, MethodHandle completedTaskCount, MethodHandle queue, MethodHandle terminated,
            MethodHandle keepAliveTime) {

        static Getters of(Class<?> type) {
            return new Getters(Reflect.method(type, "getCorePoolSize"), Reflect.method(type, "getMaximumPoolSize"),
                    Reflect.method(type, "getPoolSize"), Reflect.method(type, "getActiveCount"),
                    Reflect.method(type, "getCompletedTaskCount"), Reflect.method(type, "getQueue"),
                    Reflect.method(type, "isTerminated"), Reflect.method(type, "getKeepAliveTime", TimeUnit.class));
        }
    }

    /**
     * Creates the probe of a Tomcat pool.
     *
     * @param pool the pool, not {@code null}
     * @param name the requested name
     */
    public TomcatPoolProbe(Object pool, String name) {
        super(name, PoolKinds.TOMCAT_THREAD_POOL, Instrumentation.AGENT, pool);
    }

    @Override
    protected Getters findGetters(Class<?> poolClass) {
        return Getters.of(poolClass);
    }

    @Override
    public boolean isTerminated() {
        Object p = pool();
        return p == null || Reflect.booleanValue(getters().terminated(), p, false);
    }

    @Override
    public long queuedTasks() {
        return Reflect.call(getters().queue(), pool()) instanceof Queue<?> q ? q.size() : -1;
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        Object p = pool();
        if (p == null) {
            return;
        }
        Getters g = getters();
        event.parallelism = (int) Reflect.longValue(g.corePoolSize(), p, -1);
        event.poolSize = (int) Reflect.longValue(g.poolSize(), p, -1);
        event.activeWorkers = (int) Reflect.longValue(g.activeCount(), p, -1);
        event.runningWorkers = -1;
        event.queuedTasks = queuedTasks();
        event.queuedSubmissions = -1;
        event.steals = -1;
        event.completedTasks = Reflect.longValue(g.completedTaskCount(), p, -1);
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        Object p = pool();
        if (p == null) {
            return;
        }
        Getters g = getters();
        event.parallelism = (int) Reflect.longValue(g.corePoolSize(), p, -1);
        event.corePoolSize = (int) Reflect.longValue(g.corePoolSize(), p, -1);
        event.maximumPoolSize = (int) Reflect.longValue(g.maximumPoolSize(), p, -1);
        event.keepAliveTime = keepAliveNanos(g.keepAliveTime(), p);
        event.queueCapacity = Reflect.call(g.queue(), p) instanceof BlockingQueue<?> q ? capacity(q) : -1;
        event.asyncMode = false;
    }

    private static long keepAliveNanos(MethodHandle keepAliveTime, Object p) {
        try {
            return keepAliveTime == null ? -1 : ((Number) keepAliveTime.invoke(p, TimeUnit.NANOSECONDS)).longValue();
        } catch (Throwable t) {
            return -1;
        }
    }

    private static long capacity(BlockingQueue<?> q) {
        long remaining = q.remainingCapacity();
        return remaining == Integer.MAX_VALUE ? Integer.MAX_VALUE : remaining + q.size();
    }
}
