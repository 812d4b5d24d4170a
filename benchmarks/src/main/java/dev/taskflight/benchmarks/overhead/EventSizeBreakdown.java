package dev.taskflight.benchmarks.overhead;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where the bytes of a {@code TaskPoll} go. Records, from two worker threads, duration events that
 * grow one {@code TaskPoll} field at a time — from JFR's bare header (size, type, start ticks,
 * duration ticks, thread, stack-trace id) to every field of the v1 contract — and prints the bytes
 * per event of each step from {@code jfr summary}. The differences between steps are what each field
 * costs; the first line is the floor no JFR duration event can go under.
 *
 * <p>Values are those of a trace recording of request-like tasks: a pooled pool name (over 16
 * characters), a small worker index, a lambda's class, a measured delay of ~20 µs, no virtual thread.
 */
public final class EventSizeBreakdown {

    private static final int EVENTS_PER_THREAD = 20_000;
    private static final String LONG_POOL = "bench-thread-pool-requests";
    private static final String SHORT_POOL = "bench-tpe";

    private EventSizeBreakdown() {
    }

    /** JFR's implicit fields only. */
    @Name("taskflight.bench.Header")
    @StackTrace(false)
    static final class Header extends Event {
    }

    /** Header plus the pool name. */
    @Name("taskflight.bench.Pool")
    @StackTrace(false)
    static final class Pool extends Event {
        String pool;
    }

    /** Header plus pool and worker index. */
    @Name("taskflight.bench.Worker")
    @StackTrace(false)
    static final class Worker extends Event {
        String pool;
        int worker;
    }

    /** Header plus pool, worker and task class. */
    @Name("taskflight.bench.TaskClass")
    @StackTrace(false)
    static final class TaskClass extends Event {
        String pool;
        int worker;
        Class<?> taskClass;
    }

    /** Header plus pool, worker, task class and scheduling delay. */
    @Name("taskflight.bench.Delay")
    @StackTrace(false)
    static final class Delay extends Event {
        String pool;
        int worker;
        Class<?> taskClass;
        @Timespan(Timespan.NANOSECONDS)
        long schedulingDelay;
    }

    /** Every field of the v1 {@code TaskPoll}. */
    @Name("taskflight.bench.All")
    @StackTrace(false)
    static final class All extends Event {
        String pool;
        int worker;
        Class<?> taskClass;
        @Timespan(Timespan.NANOSECONDS)
        long schedulingDelay;
        boolean stolen;
        Thread virtualThread;
    }

    /** Every field, with a pool name short enough for JFR to write inline (16 characters or fewer). */
    @Name("taskflight.bench.AllShortPool")
    @StackTrace(false)
    static final class AllShortPool extends Event {
        String pool;
        int worker;
        Class<?> taskClass;
        @Timespan(Timespan.NANOSECONDS)
        long schedulingDelay;
        boolean stolen;
        Thread virtualThread;
    }

    /** Every field, the delay not measured ({@code Long.MIN_VALUE}, as {@code TaskPollEvent.UNKNOWN_DELAY}). */
    @Name("taskflight.bench.AllUnknownDelay")
    @StackTrace(false)
    static final class AllUnknownDelay extends Event {
        String pool;
        int worker;
        Class<?> taskClass;
        @Timespan(Timespan.NANOSECONDS)
        long schedulingDelay;
        boolean stolen;
        Thread virtualThread;
    }

    /**
     * Prints {@code breakdown.<step>.bytesPerEvent <n>} lines.
     *
     * @param args ignored
     * @throws Exception if the recording or {@code jfr summary} fails
     */
    public static void main(String[] args) throws Exception {
        Path file = Files.createTempDirectory("taskflight-breakdown").resolve("breakdown.jfr");
        try (Recording r = new Recording()) {
            for (String name : new String[] {"Header", "Pool", "Worker", "TaskClass", "Delay", "All",
                "AllShortPool", "AllUnknownDelay"}) {
                r.enable("taskflight.bench." + name).withoutStackTrace().withoutThreshold();
            }
            r.setDestination(file);
            r.start();
            CountDownLatch done = new CountDownLatch(2);
            for (int t = 0; t < 2; t++) {
                int worker = t;
                Thread thread = new Thread(() -> {
                    emit(worker);
                    done.countDown();
                }, "breakdown-worker-" + t);
                thread.start();
            }
            done.await();
            r.stop();
        }
        Map<String, long[]> summary = RecordingSizes.summary(file);
        double previous = 0;
        for (String name : new String[] {"Header", "Pool", "Worker", "TaskClass", "Delay", "All"}) {
            double bytes = bytesPerEvent(summary, name);
            System.out.printf("breakdown.%s.bytesPerEvent %.1f (+%.1f)%n", name, bytes, bytes - previous);
            previous = bytes;
        }
        System.out.printf("breakdown.AllShortPool.bytesPerEvent %.1f%n", bytesPerEvent(summary, "AllShortPool"));
        System.out.printf("breakdown.AllUnknownDelay.bytesPerEvent %.1f%n", bytesPerEvent(summary, "AllUnknownDelay"));
        Files.deleteIfExists(file);
    }

    private static double bytesPerEvent(Map<String, long[]> summary, String name) {
        long[] v = summary.getOrDefault("taskflight.bench." + name, new long[] {1, 0});
        return (double) v[1] / v[0];
    }

    private static void emit(int worker) {
        Runnable task = () -> { };
        Class<?> taskClass = task.getClass();
        for (int i = 0; i < EVENTS_PER_THREAD; i++) {
            long delay = 15_000 + (i % 10_000);
            Header h = new Header();
            h.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            h.commit();
            Pool p = new Pool();
            p.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            p.pool = LONG_POOL;
            p.commit();
            Worker w = new Worker();
            w.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            w.pool = LONG_POOL;
            w.worker = worker;
            w.commit();
            TaskClass c = new TaskClass();
            c.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            c.pool = LONG_POOL;
            c.worker = worker;
            c.taskClass = taskClass;
            c.commit();
            Delay d = new Delay();
            d.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            d.pool = LONG_POOL;
            d.worker = worker;
            d.taskClass = taskClass;
            d.schedulingDelay = delay;
            d.commit();
            All a = new All();
            a.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            a.pool = LONG_POOL;
            a.worker = worker;
            a.taskClass = taskClass;
            a.schedulingDelay = delay;
            a.commit();
            AllShortPool s = new AllShortPool();
            s.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            s.pool = SHORT_POOL;
            s.worker = worker;
            s.taskClass = taskClass;
            s.schedulingDelay = delay;
            s.commit();
            AllUnknownDelay u = new AllUnknownDelay();
            u.begin();
            Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
            u.pool = LONG_POOL;
            u.worker = worker;
            u.taskClass = taskClass;
            u.schedulingDelay = Long.MIN_VALUE;
            u.commit();
        }
    }
}
