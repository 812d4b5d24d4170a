package dev.taskflight.recorder;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.ThreadPoolProbe;
import dev.taskflight.recorder.internal.worker.ProbeRef;
import dev.taskflight.recorder.internal.worker.ProbingThreadFactory;
import dev.taskflight.recorder.internal.worker.TimedScheduledTask;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link ScheduledThreadPoolExecutor} that emits Taskflight events under a name: a
 * {@code TaskPoll} for every run of a task (each run of a periodic task is one poll), whose
 * scheduling delay is how late the run started after it was due; {@code WorkerPark} for idle
 * periods; and the periodic samples.
 *
 * <p>It behaves as a plain {@code ScheduledThreadPoolExecutor}. Its tasks are decorated through
 * {@link #decorateTask(Runnable, RunnableScheduledFuture)}; a subclass that overrides the decorate
 * methods should decorate the task this class returns.
 *
 * <p>Idle periods are measured as the gaps between a worker's polls (the JDK's delay queue cannot be
 * observed directly): a gap of {@value dev.taskflight.recorder.core.WorkerProbe#MIN_GAP_PARK_NANOS}
 * ns or more counts as a park, shorter gaps are the pool's own bookkeeping and count as neither
 * busy nor idle.
 */
public class InstrumentedScheduledThreadPoolExecutor extends ScheduledThreadPoolExecutor {

    private final PoolProbe probe;

    /**
     * Creates a scheduled pool, as
     * {@link ScheduledThreadPoolExecutor#ScheduledThreadPoolExecutor(int, ThreadFactory,
     * RejectedExecutionHandler)} does.
     *
     * @param name the pool's name in every event; made unique if another pool has it
     * @param corePoolSize the number of threads to keep, even if idle
     * @param threadFactory the factory for new threads
     * @param handler the handler for tasks that cannot be run
     * @throws IllegalArgumentException if {@code corePoolSize < 0}
     * @throws NullPointerException if any reference argument is {@code null}
     */
    public InstrumentedScheduledThreadPoolExecutor(String name, int corePoolSize,
            ThreadFactory threadFactory, RejectedExecutionHandler handler) {
        this(new ProbeRef(), Objects.requireNonNull(name, "name"), corePoolSize, threadFactory, handler);
    }

    /**
     * Creates a scheduled pool with the default thread factory and the abort policy.
     *
     * @param name the pool's name in every event
     * @param corePoolSize the number of threads to keep, even if idle
     * @throws IllegalArgumentException if {@code corePoolSize < 0}
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public InstrumentedScheduledThreadPoolExecutor(String name, int corePoolSize) {
        this(name, corePoolSize, Executors.defaultThreadFactory(), new AbortPolicy());
    }

    private InstrumentedScheduledThreadPoolExecutor(ProbeRef ref, String name, int corePoolSize,
            ThreadFactory threadFactory, RejectedExecutionHandler handler) {
        super(corePoolSize, new ProbingThreadFactory(threadFactory, ref, true), handler);
        this.probe = PoolRegistry.register(new ThreadPoolProbe(name, this, Instrumentation.LIBRARY));
        PoolRegistry.ensureCommonPool();
        ref.set(probe);
    }

    /**
     * Returns the pool's name as written in its events.
     *
     * @return the unique name, not {@code null}
     */
    public String name() {
        return probe.name();
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
        return new TimedScheduledTask<>(task, runnable.getClass(), probe, this);
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(Callable<V> callable, RunnableScheduledFuture<V> task) {
        return new TimedScheduledTask<>(task, callable.getClass(), probe, this);
    }

    @Override
    public void setThreadFactory(ThreadFactory threadFactory) {
        ThreadFactory current = super.getThreadFactory();
        super.setThreadFactory(current instanceof ProbingThreadFactory
                ? ((ProbingThreadFactory) current).withDelegate(threadFactory)
                : threadFactory);
    }

    @Override
    protected void terminated() {
        PoolRegistry.unregister(probe);
        super.terminated();
    }
}
