package dev.taskflight.recorder;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.ForkJoinPoolProbe;
import dev.taskflight.recorder.core.ThreadPoolProbe;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Factory methods for pools that emit Taskflight's JFR events under a name, in the manner of
 * {@link java.util.concurrent.Executors}:
 * <pre>{@code
 * ThreadPoolExecutor http = TaskflightExecutors.newFixedThreadPool("http", 8);
 * ScheduledThreadPoolExecutor timers = TaskflightExecutors.newScheduledThreadPool("timers", 2);
 * ForkJoinPool compute = TaskflightExecutors.newForkJoinPool("compute", 4);
 * }</pre>
 *
 * <p>The events are written only while a JFR recording enables them (for instance
 * {@code -XX:StartFlightRecording:settings=default,settings=taskflight.jfc}); without a recording
 * the pools keep their per-worker counters and nothing else. Creating any instrumented pool also
 * makes {@link ForkJoinPool#commonPool()} reported, by sampling, under the name
 * {@value dev.taskflight.recorder.core.PoolRegistry#COMMON_POOL_NAME}.
 *
 * <p>Pools you cannot replace can still be sampled: {@link #sample(String, ThreadPoolExecutor)}
 * and {@link #sample(String, ForkJoinPool)} report their {@code QueueSample} and {@code PoolInfo}.
 */
public final class TaskflightExecutors {

    private TaskflightExecutors() {
    }

    /**
     * Creates a pool of a fixed number of threads and an unbounded queue, like
     * {@link java.util.concurrent.Executors#newFixedThreadPool(int)}.
     *
     * @param name the pool's name in every event, not {@code null}
     * @param threads the number of threads
     * @return the pool, not {@code null}
     * @throws IllegalArgumentException if {@code threads <= 0}
     */
    public static InstrumentedThreadPoolExecutor newFixedThreadPool(String name, int threads) {
        return new InstrumentedThreadPoolExecutor(name, threads, threads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>());
    }

    /**
     * Creates a scheduled pool, like
     * {@link java.util.concurrent.Executors#newScheduledThreadPool(int)}.
     *
     * @param name the pool's name in every event, not {@code null}
     * @param corePoolSize the number of threads to keep, even if idle
     * @return the pool, not {@code null}
     * @throws IllegalArgumentException if {@code corePoolSize < 0}
     */
    public static InstrumentedScheduledThreadPoolExecutor newScheduledThreadPool(String name, int corePoolSize) {
        return new InstrumentedScheduledThreadPoolExecutor(name, corePoolSize);
    }

    /**
     * Creates a fork/join pool, like {@link ForkJoinPool#ForkJoinPool(int)}.
     *
     * @param name the pool's name in every event, not {@code null}
     * @param parallelism the target number of workers
     * @return the pool, not {@code null}
     * @throws IllegalArgumentException if {@code parallelism} is not positive or exceeds the limit
     */
    public static InstrumentedForkJoinPool newForkJoinPool(String name, int parallelism) {
        return new InstrumentedForkJoinPool(name, parallelism);
    }

    /**
     * Reports an existing pool's state ({@code QueueSample}, {@code PoolInfo}) without
     * instrumenting its tasks. The pool is held weakly and dropped when it terminates.
     *
     * @param name the pool's name in its events, not {@code null}
     * @param pool the pool, not {@code null}
     * @return the name the pool was given, unique among reported pools
     */
    public static String sample(String name, ThreadPoolExecutor pool) {
        return PoolRegistry.register(new ThreadPoolProbe(name, pool, Instrumentation.SAMPLING)).name();
    }

    /**
     * Reports an existing fork/join pool's state ({@code QueueSample}, {@code PoolInfo}) without
     * instrumenting its tasks. The pool is held weakly and dropped when it terminates.
     *
     * @param name the pool's name in its events, not {@code null}
     * @param pool the pool, not {@code null}
     * @return the name the pool was given, unique among reported pools
     */
    public static String sample(String name, ForkJoinPool pool) {
        return PoolRegistry.register(new ForkJoinPoolProbe(name, pool, Instrumentation.SAMPLING)).name();
    }

    /** Reports {@link ForkJoinPool#commonPool()} by sampling, unless something already reports it. */
    public static void sampleCommonPool() {
        PoolRegistry.ensureCommonPool();
    }
}
