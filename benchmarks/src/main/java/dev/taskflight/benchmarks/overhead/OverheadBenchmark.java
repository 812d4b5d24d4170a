package dev.taskflight.benchmarks.overhead;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.stream.Collectors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the workloads of the performance budget, in tasks per second, on two workers. The
 * recording configuration (none, production, trace; library pools or the java agent) is the forked
 * JVM's: {@code benchmarks/run.sh} runs this class once per configuration, side by side with the
 * uninstrumented baseline, and {@link OverheadReport} compares them.
 *
 * <p>Each operation submits a batch from the benchmark thread and waits for it, so the two workers
 * stay busy and the measured loss is the instrumentation's per-task cost (plus the watchdog's and
 * JFR's threads, which share the two cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
public class OverheadBenchmark {

    /** Tasks per batch of fine-grained ForkJoin tasks. */
    static final int FINE_BATCH = 2000;
    /** Tasks per batch of request-like tasks. */
    static final int REQUEST_BATCH = 100;
    /** CPU work of a fine task: about 0.3 µs here. */
    static final int FINE_TOKENS = 60;
    /** CPU work of a request-like task: about 20 µs here. */
    static final int REQUEST_TOKENS = 9_000;
    /** Tasks per batch of event-loop and coroutine tasks. */
    static final int LOOP_BATCH = 500;
    /** CPU work of an event-loop or coroutine task (fine-grained, a few µs): about 3 µs here. */
    static final int LOOP_TOKENS = 1_350;

    ForkJoinPool forkJoin;
    ThreadPoolExecutor threadPool;
    ExecutorService virtualThreads;
    ExecutorService tomcat;
    ExecutorService jbossThreads;
    QueuedThreadPool jetty;
    EventLoopGroup netty;
    Executor nettyLoops;
    Executor coroutines;

    @Setup(Level.Trial)
    public void start() {
        forkJoin = Pools.forkJoin("bench-fj");
        threadPool = Pools.threadPool("bench-tpe");
        virtualThreads = Pools.virtualThreads();
        tomcat = Pools.tomcat("http-nio-8080");
        jbossThreads = Pools.jbossThreads("XNIO-1");
        jetty = Pools.jetty("qtp-bench");
        netty = Pools.netty();
        nettyLoops = Pools.nettyLoops(netty);
        coroutines = Pools.coroutines();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        printInstrumentedPools();
        Pools.close(forkJoin);
        Pools.close(threadPool);
        Pools.close(virtualThreads);
        Pools.close(tomcat);
        Pools.close(jbossThreads);
        Pools.close(jetty);
        Pools.close(netty);
    }

    /** Fine-grained ForkJoin tasks (about 0.3 µs each), each a top-level task of the pool. */
    @Benchmark
    @OperationsPerInvocation(FINE_BATCH)
    public void forkJoinFine() throws InterruptedException {
        run(forkJoin, FINE_BATCH, FINE_TOKENS);
    }

    /** Request-like tasks (about 20 µs each) on a two-thread ThreadPoolExecutor. */
    @Benchmark
    @OperationsPerInvocation(REQUEST_BATCH)
    public void threadPoolRequests() throws InterruptedException {
        run(threadPool, REQUEST_BATCH, REQUEST_TOKENS);
    }

    /** Request-like tasks, one virtual thread each (JDK 21+; nothing to measure before). */
    @Benchmark
    @OperationsPerInvocation(REQUEST_BATCH)
    public void virtualThreadRequests() throws InterruptedException {
        if (virtualThreads != null) {
            run(virtualThreads, REQUEST_BATCH, REQUEST_TOKENS);
        }
    }

    /** Request-like tasks on a two-thread Tomcat connector pool (the agent's Tomcat adapter; plain in library mode). */
    @Benchmark
    @OperationsPerInvocation(REQUEST_BATCH)
    public void tomcatRequests() throws InterruptedException {
        run(tomcat, REQUEST_BATCH, REQUEST_TOKENS);
    }

    /** Request-like tasks on a two-thread jboss-threads EnhancedQueueExecutor (Undertow's worker pool). */
    @Benchmark
    @OperationsPerInvocation(REQUEST_BATCH)
    public void jbossThreadsRequests() throws InterruptedException {
        run(jbossThreads, REQUEST_BATCH, REQUEST_TOKENS);
    }

    /** Request-like tasks on a two-thread Jetty QueuedThreadPool (Jetty's request pool). */
    @Benchmark
    @OperationsPerInvocation(REQUEST_BATCH)
    public void jettyRequests() throws InterruptedException {
        run(jetty, REQUEST_BATCH, REQUEST_TOKENS);
    }

    /**
     * Fine-grained tasks (about 3 µs each) run from the task queues of two Netty NIO event loops
     * ({@code EventLoop.execute}, alternately on each loop), as a handler's {@code ctx.executor()}
     * work or a channel write from another thread is.
     */
    @Benchmark
    @OperationsPerInvocation(LOOP_BATCH)
    public void nettyLoopTasks() throws InterruptedException {
        run(nettyLoops, LOOP_BATCH, LOOP_TOKENS);
    }

    /** Fine-grained coroutines (about 3 µs each) launched on {@code Dispatchers.Default}: one task run each. */
    @Benchmark
    @OperationsPerInvocation(LOOP_BATCH)
    public void coroutineTasks() throws InterruptedException {
        run(coroutines, LOOP_BATCH, LOOP_TOKENS);
    }

    /** Both pools at once: request-like tasks that each hand ten fine tasks to the ForkJoinPool. */
    @Benchmark
    @OperationsPerInvocation(REQUEST_BATCH * 11)
    public void mixed() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(REQUEST_BATCH * 11);
        Runnable fine = () -> {
            Blackhole.consumeCPU(FINE_TOKENS);
            done.countDown();
        };
        for (int i = 0; i < REQUEST_BATCH; i++) {
            threadPool.execute(() -> {
                for (int j = 0; j < 10; j++) {
                    forkJoin.execute(fine);
                }
                Blackhole.consumeCPU(REQUEST_TOKENS);
                done.countDown();
            });
        }
        done.await();
    }

    /** Submits {@code tasks} tasks of {@code tokens} of CPU work each to {@code pool} and waits for them all. */
    static void run(Executor pool, int tasks, int tokens) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(tasks);
        Runnable task = () -> {
            Blackhole.consumeCPU(tokens);
            done.countDown();
        };
        for (int i = 0; i < tasks; i++) {
            pool.execute(task);
        }
        done.await();
    }

    /** Prints, in the fork's output, which pools were instrumented (by the agent or the library) and their polls. */
    static void printInstrumentedPools() {
        System.out.println("instrumented pools: " + PoolRegistry.pools().stream()
                .map(p -> p.name() + " (" + p.kind() + ", " + polls(p) + " polls)").collect(Collectors.joining(", ")));
    }

    private static long polls(PoolProbe pool) {
        return pool.slots().stream().mapToLong(WorkerProbe::polls).sum();
    }
}
