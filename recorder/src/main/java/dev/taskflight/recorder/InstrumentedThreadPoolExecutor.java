package dev.taskflight.recorder;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.ThreadPoolProbe;
import dev.taskflight.recorder.internal.worker.ParkTimingQueue;
import dev.taskflight.recorder.internal.worker.ProbeRef;
import dev.taskflight.recorder.internal.worker.ProbingThreadFactory;
import dev.taskflight.recorder.internal.worker.TimedFutureTask;
import dev.taskflight.recorder.internal.worker.TimedRunnable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ThreadPoolExecutor} that emits Taskflight events under a name: a {@code TaskPoll} for
 * every task run (with its scheduling delay, from submission to start), a {@code WorkerPark} for
 * every time a worker blocks on the empty queue, and the periodic {@code WorkerSample},
 * {@code QueueSample} and {@code PoolInfo}.
 *
 * <p>It behaves as a plain {@code ThreadPoolExecutor}: the same results, exceptions, ordering,
 * rejection and shutdown. Two things are visible to code that looks closely: {@link #getQueue()}
 * holds the submitted runnables wrapped with their submit time (their {@code toString()} is the
 * task's), and a rejection handler receives the application's task, unwrapped, as usual.
 * {@link #shutdownNow()} and {@link #remove(Runnable)} unwrap too. {@link #getThreadFactory()}
 * returns the given factory wrapped, because the pool itself creates its workers through that
 * method; {@link #setThreadFactory} keeps the wrapping.
 *
 * <p>Idle time is the time workers spend blocked on the empty queue; busy time the time spent in
 * tasks. The pool is registered for sampling when created and unregistered when it terminates.
 */
public class InstrumentedThreadPoolExecutor extends ThreadPoolExecutor {

    private final PoolProbe probe;

    /**
     * Creates a pool with the given name and configuration, as
     * {@link ThreadPoolExecutor#ThreadPoolExecutor(int, int, long, TimeUnit, BlockingQueue,
     * ThreadFactory, RejectedExecutionHandler)} does.
     *
     * @param name the pool's name in every event; made unique if another pool has it
     * @param corePoolSize the number of threads to keep, even if idle
     * @param maximumPoolSize the maximum number of threads
     * @param keepAliveTime how long threads above the core size wait for work before exiting
     * @param unit the unit of {@code keepAliveTime}
     * @param workQueue the queue that holds tasks before they run
     * @param threadFactory the factory for new threads
     * @param handler the handler for tasks that cannot be run
     * @throws IllegalArgumentException as {@code ThreadPoolExecutor} does
     * @throws NullPointerException if any reference argument is {@code null}
     */
    public InstrumentedThreadPoolExecutor(String name, int corePoolSize, int maximumPoolSize,
            long keepAliveTime, TimeUnit unit, BlockingQueue<Runnable> workQueue,
            ThreadFactory threadFactory, RejectedExecutionHandler handler) {
        this(new ProbeRef(), Objects.requireNonNull(name, "name"), corePoolSize, maximumPoolSize,
                keepAliveTime, unit, workQueue, threadFactory, handler);
    }

    /**
     * Creates a pool with the default thread factory and the abort policy.
     *
     * @param name the pool's name in every event
     * @param corePoolSize the number of threads to keep, even if idle
     * @param maximumPoolSize the maximum number of threads
     * @param keepAliveTime how long threads above the core size wait for work before exiting
     * @param unit the unit of {@code keepAliveTime}
     * @param workQueue the queue that holds tasks before they run
     * @throws IllegalArgumentException as {@code ThreadPoolExecutor} does
     * @throws NullPointerException if any reference argument is {@code null}
     */
    public InstrumentedThreadPoolExecutor(String name, int corePoolSize, int maximumPoolSize,
            long keepAliveTime, TimeUnit unit, BlockingQueue<Runnable> workQueue) {
        this(name, corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), new AbortPolicy());
    }

    private InstrumentedThreadPoolExecutor(ProbeRef ref, String name, int corePoolSize,
            int maximumPoolSize, long keepAliveTime, TimeUnit unit, BlockingQueue<Runnable> workQueue,
            ThreadFactory threadFactory, RejectedExecutionHandler handler) {
        super(corePoolSize, maximumPoolSize, keepAliveTime, unit,
                new ParkTimingQueue<>(workQueue, ref),
                new ProbingThreadFactory(threadFactory, ref, false),
                new UnwrappingHandler(Objects.requireNonNull(handler, "handler")));
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
    public void execute(Runnable command) {
        Objects.requireNonNull(command);
        super.execute(command instanceof TimedFutureTask ? command : new TimedRunnable(command, probe, false));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new TimedFutureTask<>(runnable, value, probe);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new TimedFutureTask<>(callable, probe);
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> pending = super.shutdownNow();
        List<Runnable> unwrapped = new ArrayList<>(pending.size());
        for (Runnable r : pending) {
            unwrapped.add(TimedRunnable.unwrap(r));
        }
        return unwrapped;
    }

    @Override
    public boolean remove(Runnable task) {
        for (Runnable queued : getQueue()) {
            if (queued != task && TimedRunnable.unwrap(queued) == task) {
                return super.remove(queued);
            }
        }
        return super.remove(task);
    }

    @Override
    public void setThreadFactory(ThreadFactory threadFactory) {
        ThreadFactory current = super.getThreadFactory();
        super.setThreadFactory(current instanceof ProbingThreadFactory
                ? ((ProbingThreadFactory) current).withDelegate(threadFactory)
                : threadFactory);
    }

    @Override
    public RejectedExecutionHandler getRejectedExecutionHandler() {
        RejectedExecutionHandler h = super.getRejectedExecutionHandler();
        return h instanceof UnwrappingHandler ? ((UnwrappingHandler) h).delegate : h;
    }

    @Override
    public void setRejectedExecutionHandler(RejectedExecutionHandler handler) {
        super.setRejectedExecutionHandler(new UnwrappingHandler(Objects.requireNonNull(handler)));
    }

    @Override
    protected void terminated() {
        PoolRegistry.unregister(probe);
        super.terminated();
    }

    /** Hands the application's rejection handler the application's task. */
    private static final class UnwrappingHandler implements RejectedExecutionHandler {
        private final RejectedExecutionHandler delegate;

        UnwrappingHandler(RejectedExecutionHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void rejectedExecution(Runnable r, ThreadPoolExecutor executor) {
            delegate.rejectedExecution(TimedRunnable.unwrap(r), executor);
        }
    }
}
