package dev.taskflight.benchmarks.overhead;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.Blackhole;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Throughput and CPU per task of {@link OverheadBenchmark}'s workloads in a JVM of their own, run as
 * an application runs: no JMH, no Taskflight class on the path it takes (the JVM loads none unless
 * the java agent is attached), the JDK's and libraries' plain pools. {@code benchmarks/side-by-side.sh}
 * runs it in several JVMs per configuration (none, JFR, the agent, Micrometer), interleaved, and
 * {@link SideBySideReport} compares them.
 *
 * <p>{@code java [options] -cp benchmarks.jar dev.taskflight.benchmarks.overhead.SideBySide [workload...]}
 * warms every selected workload up first ({@code -Dbench.warmup}, 4 s each, busy with a pause of 200 ms
 * after every 800 ms unless {@code -Dbench.warmupPauses=false}: see {@link #warmUpWithPauses}), then
 * measures each in turn, {@code -Dbench.rounds} (5) rounds of {@code -Dbench.roundMillis} (1000) ms of whole batches, and
 * prints per workload {@code result <workload> <median tasks/s> <median CPU ns per task> <lowest tasks/s>
 * <highest tasks/s> <ns of one task's work alone>} (see {@link #workNanos}). With {@code -Dbench.micrometer=true} the {@code threadPoolRequests} and
 * {@code forkJoinFine} pools are wrapped by Micrometer's {@code ExecutorServiceMetrics.monitor} with a
 * Prometheus registry, as a Spring Boot service exposing Prometheus metrics has them; the other
 * workloads are then skipped. The {@code ...Metered} workloads size their tasks in the worker's CPU time
 * instead of an amount of work: see {@link #runMetered}.
 */
public final class SideBySide {

    static final List<String> DEFAULT_WORKLOADS = List.of("threadPoolRequests", "forkJoinFine", "tomcatRequests", "nettyLoopTasks");
    static final boolean MICROMETER = Boolean.getBoolean("bench.micrometer");

    private SideBySide() {
    }

    /** Whether the warm-up leaves the pool idle for a while every second: unless {@code -Dbench.warmupPauses=false}. */
    static final boolean WARM_UP_PAUSES = !"false".equals(System.getProperty("bench.warmupPauses"));

    /**
     * Warms a workload up as a server's pool is used: busy, with a pause of 200 ms after every 800 ms. The
     * measured rounds begin after such a pause (the other workloads' turns, and the work's own timing,
     * leave a pool idle), and a steady state is one where the JIT has seen the pool go idle and start again.
     * Without the pauses, the agent's JVMs measured a one-time transient instead: the watchdog times the
     * polls of a worker it found idle, a branch the compiled loop had never taken, so the pool's compiled
     * loop is deoptimized and compiled again in the first measured rounds (BENCHMARKS.md).
     */
    private static void warmUpWithPauses(Workload workload, long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            workload.runFor(Math.min(800_000_000L, Math.max(0, end - System.nanoTime())));
            Thread.sleep(200);
        }
    }

    /** CPU time a metered request-like task spends on its own thread: 15 µs. */
    static final long METERED_NANOS = 15_000;
    /** The work a metered task does between two reads of its thread's CPU clock: about 0.1 µs. */
    private static final int METERED_SLICE_TOKENS = 32;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * A workload's pool, as the application submits to it, with its batch and task size: {@code tokens} of
     * {@code Blackhole.consumeCPU}, or, when {@code meteredNanos} is positive, that much of the worker's own
     * CPU time, whatever the speed of the code that spends it.
     */
    record Workload(String name, Executor executor, int batch, int tokens, AutoCloseable pool, long meteredNanos) {

        /** An {@code ExecutorService}'s workload, closed by {@link Pools#close}. */
        Workload(String name, ExecutorService pool, int batch, int tokens, long meteredNanos) {
            this(name, pool, batch, tokens, () -> Pools.close(pool), meteredNanos);
        }

        Workload(String name, Executor executor, int batch, int tokens, AutoCloseable pool) {
            this(name, executor, batch, tokens, pool, 0);
        }

        void runBatch() throws InterruptedException {
            if (meteredNanos > 0) {
                runMetered(executor, batch, meteredNanos);
            } else {
                OverheadBenchmark.run(executor, batch, tokens);
            }
        }

        /** Runs whole batches for {@code nanos} or a little more, counting nothing. */
        void runFor(long nanos) throws InterruptedException {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                runBatch();
            }
        }
    }

    /** Creates a workload's pool; {@code null} when the workload cannot run here (the reason printed). */
    interface Factory {
        Workload create(String name);
    }

    /** The workloads by name, each creating its pool only when selected. */
    static Map<String, Factory> factories() {
        Map<String, Factory> all = new LinkedHashMap<>();
        all.put("threadPoolRequests", name -> timed(name, Pools.threadPool("bench-tpe"),
                OverheadBenchmark.REQUEST_BATCH, OverheadBenchmark.REQUEST_TOKENS));
        all.put("forkJoinFine", name -> timed(name, Pools.forkJoin("bench-fj"),
                OverheadBenchmark.FINE_BATCH, OverheadBenchmark.FINE_TOKENS));
        all.put("virtualThreadRequests", name -> plainOnly(name, () -> {
            ExecutorService pool = Pools.virtualThreads();
            if (pool == null) {
                System.out.println("skipped " + name + ": needs JDK 21+ (this is " + Runtime.version() + ")");
                return null;
            }
            return requests(name, pool);
        }));
        all.put("tomcatRequests", name -> plainOnly(name, () -> requests(name, Pools.tomcat("http-nio-8080"))));
        all.put("jettyRequests", name -> plainOnly(name, () -> jetty(name, OverheadBenchmark.REQUEST_BATCH,
                OverheadBenchmark.REQUEST_TOKENS, 0)));
        // The servers' pools with tasks of a few µs: a cost per task that is lost in a request's 20 µs is
        // several times larger here, which tells a cost per task from one per unit of time.
        all.put("jettyTasks", name -> plainOnly(name, () -> jetty(name, OverheadBenchmark.LOOP_BATCH,
                OverheadBenchmark.LOOP_TOKENS, 0)));
        all.put("tomcatTasks", name -> plainOnly(name, () -> tasks(name, Pools.tomcat("http-nio-8080"))));
        all.put("threadPoolTasks", name -> timed(name, Pools.threadPool("bench-tpe"), OverheadBenchmark.LOOP_BATCH,
                OverheadBenchmark.LOOP_TOKENS));
        all.put("jbossThreadsTasks", name -> plainOnly(name, () -> tasks(name, Pools.jbossThreads("XNIO-1"))));
        // Request-like tasks whose size is the worker's CPU time, not an amount of work: see runMetered.
        all.put("jettyMetered", name -> plainOnly(name, () -> jetty(name, OverheadBenchmark.REQUEST_BATCH, 0, METERED_NANOS)));
        all.put("tomcatMetered", name -> plainOnly(name, () -> new Workload(name, Pools.tomcat("http-nio-8080"),
                OverheadBenchmark.REQUEST_BATCH, 0, METERED_NANOS)));
        all.put("threadPoolMetered", name -> timed(name, Pools.threadPool("bench-tpe"), OverheadBenchmark.REQUEST_BATCH, 0,
                METERED_NANOS));
        all.put("jbossThreadsRequests", name -> plainOnly(name, () -> requests(name, Pools.jbossThreads("XNIO-1"))));
        all.put("nettyLoopTasks", name -> plainOnly(name, () -> {
            EventLoopGroup group = Pools.netty();
            return new Workload(name, Pools.nettyLoops(group), OverheadBenchmark.LOOP_BATCH, OverheadBenchmark.LOOP_TOKENS,
                    () -> Pools.close(group));
        }));
        // Dispatchers.Default's threads outlive the run: nothing to shut down.
        all.put("coroutineTasks", name -> plainOnly(name, () -> new Workload(name, Pools.coroutines(),
                OverheadBenchmark.LOOP_BATCH, OverheadBenchmark.LOOP_TOKENS, () -> { })));
        return all;
    }

    /**
     * Runs a batch of tasks that each spend {@code cpuNanos} of their worker's CPU time, read from the
     * thread's CPU clock between slices of about 0.1 µs of work, and waits for them. A task's size then
     * does not depend on how fast the JIT's code for the work runs in this JVM (which differs from one
     * JVM to the next by several percent with {@code Blackhole.consumeCPU} alone): what changes the
     * throughput is the time between tasks (the pool's and the hooks' code) and the CPU that other threads
     * take from the workers, during which a task's CPU clock stands still.
     */
    static void runMetered(Executor pool, int tasks, long cpuNanos) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(tasks);
        Runnable task = () -> {
            long end = THREADS.getCurrentThreadCpuTime() + cpuNanos;
            do {
                Blackhole.consumeCPU(METERED_SLICE_TOKENS);
            } while (THREADS.getCurrentThreadCpuTime() < end);
            done.countDown();
        };
        for (int i = 0; i < tasks; i++) {
            pool.execute(task);
        }
        done.await();
    }

    private static Workload requests(String name, ExecutorService pool) {
        return new Workload(name, pool, OverheadBenchmark.REQUEST_BATCH, OverheadBenchmark.REQUEST_TOKENS, 0);
    }

    /** A pool's workload of tasks of a few µs (500 of {@code consumeCPU(1350)}). */
    private static Workload tasks(String name, ExecutorService pool) {
        return new Workload(name, pool, OverheadBenchmark.LOOP_BATCH, OverheadBenchmark.LOOP_TOKENS, 0);
    }

    /** A two-thread Jetty {@code QueuedThreadPool}'s workload. */
    private static Workload jetty(String name, int batch, int tokens, long meteredNanos) {
        QueuedThreadPool pool = Pools.jetty("qtp-bench");
        return new Workload(name, pool, batch, tokens, pool::stop, meteredNanos);
    }

    /** A workload that Micrometer's executor metrics do not apply to: skipped under {@code -Dbench.micrometer=true}. */
    private static Workload plainOnly(String name, Supplier<Workload> create) {
        if (MICROMETER) {
            System.out.println("skipped " + name + ": not applicable with -Dbench.micrometer=true");
            return null;
        }
        return create.get();
    }

    /** The pool as the application submits to it: itself, or Micrometer's timed wrapper of it. */
    private static Workload timed(String name, ExecutorService pool, int batch, int tokens) {
        return timed(name, pool, batch, tokens, 0);
    }

    private static Workload timed(String name, ExecutorService pool, int batch, int tokens, long meteredNanos) {
        ExecutorService submitTo = MICROMETER ? Micrometer.monitor(pool, name) : pool;
        return new Workload(name, submitTo, batch, tokens, meteredNanos);
    }

    /** Micrometer, apart so that a JVM without {@code -Dbench.micrometer=true} loads none of it. */
    private static final class Micrometer {

        /** As a Spring Boot service with {@code micrometer-registry-prometheus} has it. */
        static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        static ExecutorService monitor(ExecutorService pool, String name) {
            ExecutorService timed = ExecutorServiceMetrics.monitor(REGISTRY, pool, name);
            System.out.println("info " + name + ": Micrometer " + timed.getClass().getSimpleName() + " around "
                    + pool.getClass().getSimpleName() + ", " + REGISTRY.getMeters().size() + " meters in the registry");
            return timed;
        }

        static void printScrapeSize() {
            System.out.println("info Prometheus scrape: " + REGISTRY.scrape().length() + " characters");
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length > 0 ? List.of(args) : DEFAULT_WORKLOADS;
        long warmUpMillis = (long) (Double.parseDouble(System.getProperty("bench.warmup", "4")) * 1000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        long roundNanos = Long.getLong("bench.roundMillis", 1000) * 1_000_000L;
        Map<String, Factory> factories = factories();
        for (String name : names) {
            if (!factories.containsKey(name)) {
                throw new IllegalArgumentException("no workload " + name + ": one of " + factories.keySet());
            }
        }
        System.out.println("info JDK " + Runtime.version() + ", micrometer " + MICROMETER + ", warm-up " + warmUpMillis
                + " ms each, " + rounds + " rounds of " + roundNanos / 1_000_000 + " ms");
        List<Workload> workloads = new ArrayList<>();
        try {
            for (String name : names) {
                Workload workload = factories.get(name).create(name);
                if (workload != null) {
                    workloads.add(workload);
                }
            }
            for (Workload workload : workloads) { // all first: the JIT compiles them all before any is measured
                if (WARM_UP_PAUSES) {
                    warmUpWithPauses(workload, warmUpMillis * 1_000_000L);
                } else {
                    workload.runFor(warmUpMillis * 1_000_000L);
                }
            }
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (Workload workload : workloads) {
                measure(workload, rounds, roundNanos, os);
            }
            if (MICROMETER) {
                Micrometer.printScrapeSize();
            }
            printTaskflightThreads();
        } finally {
            for (Workload workload : workloads) {
                workload.pool().close();
            }
        }
    }

    /**
     * The time of one task's work alone ({@code Blackhole.consumeCPU(tokens)} on this thread while the
     * pools are idle): the fastest of 7 runs of 20 ms of calls, so that a preemption does not count. The
     * same compiled code as the tasks' as long as {@code consumeCPU} is not inlined into them
     * ({@code -XX:CompileCommand=dontinline,org.openjdk.jmh.infra.Blackhole::consumeCPU}, as
     * {@code side-by-side.sh} runs it): its speed differs from one JVM to the next by several percent
     * (the JIT's code for the loop), which the report divides out.
     */
    private static double workNanos(int tokens) {
        long calls = 0;
        long start = System.nanoTime();
        do {
            Blackhole.consumeCPU(tokens);
            calls++;
        } while (System.nanoTime() - start < 2_000_000);
        long perRun = Math.max(1, calls * 10); // about 20 ms
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            long t0 = System.nanoTime();
            for (long c = 0; c < perRun; c++) {
                Blackhole.consumeCPU(tokens);
            }
            best = Math.min(best, (double) (System.nanoTime() - t0) / perRun);
        }
        return best;
    }

    private static void measure(Workload workload, int rounds, long roundNanos, OperatingSystemMXBean os) throws InterruptedException {
        double workBefore = workload.meteredNanos() > 0 ? workload.meteredNanos() : workNanos(workload.tokens());
        double[] tasksPerSecond = new double[rounds];
        double[] cpuPerTask = new double[rounds];
        Map<String, Long> threadsAfterFirst = Map.of();
        long tasksAfterFirst = 0;
        long wallAfterFirst = 0;
        for (int r = 0; r < rounds; r++) {
            if (r == 1) {
                threadsAfterFirst = ThreadCpu.byGroup();
            }
            long tasks = 0;
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            long end = start + roundNanos;
            long now;
            do {
                workload.runBatch();
                tasks += workload.batch();
                now = System.nanoTime();
            } while (now < end);
            cpuPerTask[r] = (double) (os.getProcessCpuTime() - cpu) / tasks;
            if (r > 0) {
                tasksAfterFirst += tasks;
                wallAfterFirst += now - start;
            }
            tasksPerSecond[r] = tasks * 1e9 / (now - start);
            System.out.printf(Locale.ROOT, "round %s %d %.0f %.1f%n", workload.name(), r + 1, tasksPerSecond[r], cpuPerTask[r]);
        }
        ThreadCpu.print(workload.name(), threadsAfterFirst, ThreadCpu.byGroup(), tasksAfterFirst, wallAfterFirst);
        double work = workload.meteredNanos() > 0 ? workBefore : (workBefore + workNanos(workload.tokens())) / 2;
        System.out.printf(Locale.ROOT, "result %s %.0f %.1f %.0f %.0f %.1f%n", workload.name(), median(tasksPerSecond),
                median(cpuPerTask), Arrays.stream(tasksPerSecond).min().orElseThrow(), Arrays.stream(tasksPerSecond).max().orElseThrow(),
                work);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Whether the agent is at work, seen from outside: its threads (the watchdog), by name, with the CPU
     * time each has used since the JVM started and its share of one core over the JVM's uptime.
     */
    private static void printTaskflightThreads() {
        long uptimeNanos = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        System.out.println("info Taskflight threads: " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().toLowerCase(Locale.ROOT).contains("taskflight"))
                .map(t -> {
                    long cpu = THREADS.getThreadCpuTime(t.getId());
                    return String.format(Locale.ROOT, "%s %.1f ms CPU (%.3f%% of a core)", t.getName(), cpu / 1e6,
                            100.0 * cpu / uptimeNanos);
                })
                .sorted().toList());
    }
}
