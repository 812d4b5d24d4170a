package dev.taskflight.benchmarks.overhead;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.WorkerProbe;
import dev.taskflight.recorder.core.ThreadPoolProbe;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the recorder adds to one poll, in nanoseconds, on one thread and without a queue hand-off
 * around it: a tiny task run bare, then run between a worker probe's {@code pollStart} and
 * {@code pollEnd}, as every instrumented worker does. The JVM's arguments choose the mode, as in
 * {@code benchmarks/run.sh}: no recording, the production profile (no clock per poll; the watchdog
 * runs) or the trace profile (two clock reads and a committed {@code TaskPoll} per poll). The
 * difference between a poll method and {@link #bare} is the per-poll cost that the throughput
 * benchmarks cannot resolve against a 20 µs task.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PollPathBenchmark {

    private ThreadPoolExecutor idle;
    private ThreadPoolProbe pool;
    private WorkerProbe worker;
    private final Runnable task = () -> Blackhole.consumeCPU(1);

    /** Registers a pool whose one worker is the benchmark thread. */
    @Setup(Level.Trial)
    public void setUp() {
        idle = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        pool = PoolRegistry.register(new ThreadPoolProbe("bench-poll-path", idle, Instrumentation.LIBRARY));
        worker = pool.attachWorker(Thread.currentThread());
    }

    /** Unregisters the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.detachWorker(worker);
        PoolRegistry.unregister(pool);
        idle.shutdown();
    }

    /** The task alone. */
    @Benchmark
    public void bare() {
        task.run();
    }

    /**
     * The task as one poll on the lean path, which the library's pools take whenever the full one is
     * not needed: with no recording, and for all but the sampled polls in production.
     */
    @Benchmark
    public void leanPoll() {
        if (!worker.lean(WorkerProbe.NO_SUBMIT_TIME, -1)) { // trace mode: the full path
            poll();
            return;
        }
        worker.leanPollStart(task);
        try {
            task.run();
        } finally {
            worker.leanPollEnd(null);
        }
    }

    /** The task as one poll of an instrumented worker, on the full path (the agent's, and trace mode's). */
    @Benchmark
    public void poll() {
        worker.pollStart(WorkerProbe.NO_SUBMIT_TIME, task);
        try {
            task.run();
        } finally {
            worker.pollEnd();
        }
    }
}
