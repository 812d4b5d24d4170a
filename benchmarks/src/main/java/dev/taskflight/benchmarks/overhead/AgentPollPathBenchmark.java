package dev.taskflight.benchmarks.overhead;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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
 * What the java agent adds to one poll of a server's pool, in nanoseconds, on one thread: the
 * benchmark thread runs jobs through Jetty's {@code QueuedThreadPool.runJob}, the method a worker
 * runs each job with and the one the agent's advice wraps, so that under the agent it is a worker of
 * the pool and every call is one poll taking the agent's whole per-job path (worker lookup, poll
 * start and end, the watchdog's hand-off). Without the agent {@code runJob} only runs the job. Run
 * with and without {@code -javaagent} (see BENCHMARKS.md): the difference in a method's time is the
 * per-poll cost, which the throughput benchmarks cannot resolve against a 20 µs task.
 *
 * <p>{@link #tinyJob} polls back to back (shorter than 16 µs a cycle: in production the watchdog
 * watches such a worker, which reads the clock twice every 16 polls); {@link #requestJob} runs about
 * 20 µs of work per poll (watched too, under the 50 µs that timed polls need: two clock reads every
 * 12 polls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AgentPollPathBenchmark {

    /**
     * {@code QueuedThreadPool.runJob(Runnable)}, protected, called on a plain pool: the agent leaves
     * alone pools whose class is Taskflight's own, so the benchmark cannot subclass the pool.
     */
    private static final MethodHandle RUN_JOB;

    static {
        try {
            RUN_JOB = MethodHandles.privateLookupIn(QueuedThreadPool.class, MethodHandles.lookup())
                    .findVirtual(QueuedThreadPool.class, "runJob", MethodType.methodType(void.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private QueuedThreadPool pool;
    private final Runnable tiny = () -> Blackhole.consumeCPU(1);
    private final Runnable request = () -> Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);

    /** Creates the pool. */
    @Setup(Level.Trial)
    public void setUp() {
        pool = new QueuedThreadPool(2, 1); // started: a stopped pool is a terminated one to the agent
        pool.setReservedThreads(0);
        pool.setName("bench-direct");
        try {
            pool.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints whether the pool was instrumented. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        OverheadBenchmark.printInstrumentedPools();
        pool.stop();
    }

    /** A tiny job, alone. */
    @Benchmark
    public void tinyBare() {
        tiny.run();
    }

    /** A tiny job as one poll of the pool. */
    @Benchmark
    public void tinyJob() throws Throwable {
        RUN_JOB.invokeExact(pool, tiny);
    }

    /** A request-like job (about 20 µs), alone. */
    @Benchmark
    public void requestBare() {
        request.run();
    }

    /** A request-like job as one poll of the pool. */
    @Benchmark
    public void requestJob() throws Throwable {
        RUN_JOB.invokeExact(pool, request);
    }
}
