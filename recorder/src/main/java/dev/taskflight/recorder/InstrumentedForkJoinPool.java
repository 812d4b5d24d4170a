package dev.taskflight.recorder;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.ForkJoinPoolProbe;
import dev.taskflight.recorder.internal.worker.ProbedWorkerThread;
import dev.taskflight.recorder.internal.worker.TimedForkJoinTask;
import dev.taskflight.recorder.internal.worker.ProbeRef;
import dev.taskflight.recorder.internal.worker.TimedCallable;
import dev.taskflight.recorder.internal.worker.TimedRunnable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;

/**
 * A {@link ForkJoinPool} that emits Taskflight events under a name: a {@code TaskPoll} for every
 * task submitted to the pool (from outside, or from one of its own tasks through the pool's
 * methods), with its scheduling delay and whether it was stolen (ran on another worker than the
 * one that submitted it); {@code WorkerPark} for idle periods; and the periodic samples.
 *
 * <p><b>Precision.</b> The library sees the tasks that pass through this pool's {@code execute},
 * {@code submit}, {@code invoke} and {@code invokeAll}. Subtasks a task forks with
 * {@link ForkJoinTask#fork()} go straight to the worker's queue: they run inside their parent's
 * poll when the parent joins them, and as unseen work when another worker steals them. A worker's
 * idle periods are the gaps between its polls of
 * {@value dev.taskflight.recorder.core.WorkerProbe#MIN_GAP_PARK_NANOS} ns or more, so for
 * fork/join-heavy work they include stolen subtasks. The java agent instruments the pool's
 * internals and sees every top-level task, steal and park exactly.
 *
 * <p>It behaves as a plain {@code ForkJoinPool}: the same results, exceptions and shutdown.
 * {@link #submit(ForkJoinTask)} returns the application's own task, as usual.
 */
public class InstrumentedForkJoinPool extends ForkJoinPool {

    private final PoolProbe probe;

    /**
     * Creates a pool with the given name and parallelism, in LIFO mode, with no uncaught-exception
     * handler.
     *
     * @param name the pool's name in every event; made unique if another pool has it
     * @param parallelism the target number of workers
     * @throws IllegalArgumentException if {@code parallelism} is not positive or exceeds the limit
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public InstrumentedForkJoinPool(String name, int parallelism) {
        this(name, parallelism, null, false);
    }

    /**
     * Creates a pool, as {@link ForkJoinPool#ForkJoinPool(int, ForkJoinWorkerThreadFactory,
     * Thread.UncaughtExceptionHandler, boolean)} does, with Taskflight's worker threads.
     *
     * @param name the pool's name in every event; made unique if another pool has it
     * @param parallelism the target number of workers
     * @param handler the handler for workers that terminate on an error, or {@code null}
     * @param asyncMode {@code true} for FIFO scheduling of forked tasks never joined
     * @throws IllegalArgumentException if {@code parallelism} is not positive or exceeds the limit
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public InstrumentedForkJoinPool(String name, int parallelism, Thread.UncaughtExceptionHandler handler,
            boolean asyncMode) {
        this(new ProbeRef(), Objects.requireNonNull(name, "name"), parallelism, handler, asyncMode);
    }

    private InstrumentedForkJoinPool(ProbeRef ref, String name, int parallelism,
            Thread.UncaughtExceptionHandler handler, boolean asyncMode) {
        super(parallelism, pool -> new ProbedWorkerThread(pool, ref), handler, asyncMode);
        this.probe = PoolRegistry.register(new ForkJoinPoolProbe(name, this, Instrumentation.LIBRARY));
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
    public void execute(Runnable task) {
        super.execute(new TimedRunnable(Objects.requireNonNull(task), probe, true));
    }

    @Override
    public void execute(ForkJoinTask<?> task) {
        super.execute(new TimedForkJoinTask(Objects.requireNonNull(task), probe));
    }

    @Override
    public <T> ForkJoinTask<T> submit(ForkJoinTask<T> task) {
        super.execute(new TimedForkJoinTask(Objects.requireNonNull(task), probe));
        return task;
    }

    @Override
    public <T> ForkJoinTask<T> submit(Callable<T> task) {
        return super.submit(new TimedCallable<>(Objects.requireNonNull(task), probe, true));
    }

    @Override
    public <T> ForkJoinTask<T> submit(Runnable task, T result) {
        return super.submit(new TimedRunnable(Objects.requireNonNull(task), probe, true), result);
    }

    @Override
    public ForkJoinTask<?> submit(Runnable task) {
        return super.submit(new TimedRunnable(Objects.requireNonNull(task), probe, true));
    }

    @Override
    public <T> T invoke(ForkJoinTask<T> task) {
        super.execute(new TimedForkJoinTask(Objects.requireNonNull(task), probe));
        return task.join();
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        List<Callable<T>> timed = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            timed.add(new TimedCallable<>(Objects.requireNonNull(t), probe, true));
        }
        return super.invokeAll(timed);
    }
}
