package dev.taskflight.agent.internal.jboss;

import dev.taskflight.agent.internal.adapter.LibraryPoolProbe;
import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import java.lang.invoke.MethodHandle;
import java.time.Duration;

/**
 * An {@code EnhancedQueueExecutor} read through its public getters (looked up on first use, by the
 * samplers; the agent cannot compile against the class). Holds the pool weakly. What the pool does not
 * track is -1: its active and completed counts without {@code jboss.threads.eqe.statistics}, its queue
 * size when the queue is unlimited.
 */
final class EqeProbe extends LibraryPoolProbe<EqeProbe.Getters> {

    /** The executor class's getters. */
    record Getters(MethodHandle terminated, MethodHandle queueSize, MethodHandle poolSize,
            MethodHandle activeCount, MethodHandle completedTaskCount, MethodHandle corePoolSize,
            MethodHandle maximumPoolSize, MethodHandle maximumQueueSize, MethodHandle keepAliveTime) {

        static Getters of(Class<?> type) {
            return new Getters(Reflect.method(type, "isTerminated"), Reflect.method(type, "getQueueSize"),
                    Reflect.method(type, "getPoolSize"), Reflect.method(type, "getActiveCount"),
                    Reflect.method(type, "getCompletedTaskCount"), Reflect.method(type, "getCorePoolSize"),
                    Reflect.method(type, "getMaximumPoolSize"), Reflect.method(type, "getMaximumQueueSize"),
                    Reflect.method(type, "getKeepAliveTime"));
        }
    }

    EqeProbe(Object pool, String name) {
        super(name, PoolKinds.JBOSS_ENHANCED_QUEUE_EXECUTOR, Instrumentation.AGENT, pool);
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
        return Reflect.longValue(getters().queueSize(), pool(), -1);
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
        event.queuedTasks = Reflect.longValue(g.queueSize(), p, -1);
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
        event.keepAliveTime = Reflect.call(g.keepAliveTime(), p) instanceof Duration d ? d.toNanos() : -1;
        event.queueCapacity = Reflect.longValue(g.maximumQueueSize(), p, -1);
        event.asyncMode = false;
    }
}
