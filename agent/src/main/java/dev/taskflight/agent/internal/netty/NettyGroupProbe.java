package dev.taskflight.agent.internal.netty;

import dev.taskflight.agent.internal.ClassMemo;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.recorder.core.PoolProbe;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutorService;

/**
 * A Netty {@code EventLoopGroup} or {@code EventExecutorGroup} as one pool, one worker per loop or
 * executor; its queue is the sum of the executors' pending tasks. Read through the JDK interfaces
 * the groups implement ({@code Iterable}, {@code ExecutorService}) and the public
 * {@code pendingTasks()}, so it compiles against no Netty class. Holds the group weakly.
 */
final class NettyGroupProbe extends PoolProbe {

    /** Each executor class's {@code int pendingTasks()}, or {@code null} if it has none. */
    private static final ClassMemo<MethodHandle> PENDING = new ClassMemo<>(type -> {
        try {
            return MethodHandles.publicLookup().findVirtual(type, "pendingTasks", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }, h -> h != null);

    private final WeakReference<Object> group;

    NettyGroupProbe(String name, Object group, String kind) {
        super(name, kind, Instrumentation.AGENT, true);
        this.group = new WeakReference<>(group);
    }

    @Override
    public boolean isTerminated() {
        Object g = group.get();
        return g == null || (g instanceof ExecutorService e && e.isTerminated());
    }

    /**
     * Looks the executors' {@code pendingTasks()} up on the watchdog's thread: a first look-up spins the JDK's
     * method-handle classes and takes {@link ClassMemo}'s monitor, which two loops parking at once would
     * wait on for each other.
     */
    @Override
    protected void lookUp() {
        queuedTasks();
    }

    @Override
    public long queuedTasks() {
        Object g = group.get();
        if (!(g instanceof Iterable<?> executors)) {
            return -1;
        }
        long sum = 0;
        for (Object executor : executors) {
            MethodHandle pending = PENDING.get(executor.getClass());
            if (pending == null) {
                return -1;
            }
            try {
                sum += (int) pending.invoke(executor);
            } catch (Throwable t) {
                return -1;
            }
        }
        return sum;
    }

    /** Returns the number of loops or executors in the group, -1 if unknown. */
    private int executors() {
        Object g = group.get();
        if (!(g instanceof Iterable<?> executors)) {
            return -1;
        }
        int n = 0;
        for (Object ignored : executors) {
            n++;
        }
        return n;
    }

    @Override
    protected void fill(QueueSampleEvent event) {
        int n = executors();
        event.parallelism = n;
        event.poolSize = n;
        event.activeWorkers = -1;
        event.runningWorkers = -1;
        event.queuedTasks = queuedTasks();
        event.queuedSubmissions = -1;
        event.steals = -1;
        event.completedTasks = -1;
    }

    @Override
    protected void fill(PoolInfoEvent event) {
        int n = executors();
        event.parallelism = n;
        event.corePoolSize = n;
        event.maximumPoolSize = n;
        event.keepAliveTime = -1;
        event.queueCapacity = -1;
        event.asyncMode = false;
    }
}
