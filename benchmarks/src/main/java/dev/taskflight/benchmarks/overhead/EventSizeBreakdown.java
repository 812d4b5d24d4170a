package dev.taskflight.benchmarks.overhead;

import dev.taskflight.events.PoolField;
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
 * duration ticks, thread, stack-trace id) to every field of version 2 of the contract — and prints the
 * bytes per event of each step from {@code jfr summary}. The differences between steps are what each
 * field costs; the first line is the floor no JFR duration event can go under. Version 1 of the event
 * (a {@code Class} beside the name, the delay in nanoseconds, a {@code stolen} flag) is recorded
 * beside it for comparison.
 *
 * <p>Values are those of a trace recording of request-like tasks: a pooled pool name (over 16
 * characters; a short one padded, as {@code TaskPoll} writes it, and unpadded, as it did before), a
 * small worker index, a lambda task named by its defining code, a measured delay of 15–25 µs, no
 * virtual thread.
 */
public final class EventSizeBreakdown {

    private static final int EVENTS_PER_THREAD = 20_000;
    private static final String LONG_POOL = "bench-thread-pool-requests";
    private static final String SHORT_POOL = "bench-tpe";
    private static final String PADDED_POOL = PoolField.write(SHORT_POOL);
    private static final String[] STEPS = {"Header", "Pool", "Worker", "TaskName", "Delay", "All"};

    private EventSizeBreakdown() {
    }

    /** JFR's implicit fields only. Each step below adds fields to the one before (JFR records inherited fields). */
    @Name("taskflight.bench.Header")
    @StackTrace(false)
    static class Header extends Event {
    }

    /** Header plus the pool name. */
    @Name("taskflight.bench.Pool")
    @StackTrace(false)
    static class Pool extends Header {
        String pool;
    }

    /** Header plus pool and worker index. */
    @Name("taskflight.bench.Worker")
    @StackTrace(false)
    static class Worker extends Pool {
        int worker;
    }

    /** Header plus pool, worker and the task's name. */
    @Name("taskflight.bench.TaskName")
    @StackTrace(false)
    static class TaskName extends Worker {
        String taskName;
    }

    /** Header plus pool, worker, task name and scheduling delay in microseconds. */
    @Name("taskflight.bench.Delay")
    @StackTrace(false)
    static class Delay extends TaskName {
        @Timespan(Timespan.MICROSECONDS)
        long schedulingDelay;
    }

    /** Every field of the version 2 {@code TaskPoll}. */
    @Name("taskflight.bench.All")
    @StackTrace(false)
    static class All extends Delay {
        Thread virtualThread;
    }

    /** Every field, with a pool name short enough for JFR to write inline (16 characters or fewer). */
    @Name("taskflight.bench.AllShortPool")
    @StackTrace(false)
    static final class AllShortPool extends All {
    }

    /** Every field, the short pool name padded as {@code TaskPoll} writes it ({@link PoolField}). */
    @Name("taskflight.bench.AllPaddedPool")
    @StackTrace(false)
    static final class AllPaddedPool extends All {
    }

    /** Every field, the delay not measured ({@code Long.MIN_VALUE}, as {@code TaskPollEvent.UNKNOWN_DELAY}). */
    @Name("taskflight.bench.AllUnknownDelay")
    @StackTrace(false)
    static final class AllUnknownDelay extends All {
    }

    /** The version 1 {@code TaskPoll}, its task named by its class and by its defining code. */
    @Name("taskflight.bench.Version1")
    @StackTrace(false)
    static final class Version1 extends Header {
        String pool;
        int worker;
        Class<?> taskClass;
        String taskName;
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
            for (String name : new String[] {"Header", "Pool", "Worker", "TaskName", "Delay", "All",
                "AllShortPool", "AllPaddedPool", "AllUnknownDelay", "Version1"}) {
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
        for (String name : STEPS) {
            double bytes = bytesPerEvent(summary, name);
            System.out.printf("breakdown.%s.bytesPerEvent %.1f (+%.1f)%n", name, bytes, bytes - previous);
            previous = bytes;
        }
        System.out.printf("breakdown.AllShortPool.bytesPerEvent %.1f%n", bytesPerEvent(summary, "AllShortPool"));
        System.out.printf("breakdown.AllPaddedPool.bytesPerEvent %.1f%n", bytesPerEvent(summary, "AllPaddedPool"));
        System.out.printf("breakdown.AllUnknownDelay.bytesPerEvent %.1f%n", bytesPerEvent(summary, "AllUnknownDelay"));
        System.out.printf("breakdown.Version1.bytesPerEvent %.1f%n", bytesPerEvent(summary, "Version1"));
        Files.deleteIfExists(file);
    }

    private static double bytesPerEvent(Map<String, long[]> summary, String name) {
        long[] v = summary.getOrDefault("taskflight.bench." + name, new long[] {1, 0});
        return (double) v[1] / v[0];
    }

    private static void emit(int worker) {
        Runnable task = () -> { };
        Class<?> taskClass = task.getClass();
        String taskName = EventSizeBreakdown.class.getName() + ".emit (lambda 0)";
        for (int i = 0; i < EVENTS_PER_THREAD; i++) {
            long delay = 15_000 + (i % 10_000);
            for (Header e : new Header[] {new Header(), new Pool(), new Worker(), new TaskName(), new Delay(),
                new All(), new AllShortPool(), new AllPaddedPool(), new AllUnknownDelay(), new Version1()}) {
                e.begin();
                Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
                fill(e, worker, taskClass, taskName, delay);
                e.commit();
            }
        }
    }

    /** Sets the fields the event's step has, with the values of a request-like trace recording. */
    private static void fill(Header e, int worker, Class<?> taskClass, String taskName, long delay) {
        if (e instanceof Version1 v) {
            v.pool = LONG_POOL;
            v.worker = worker;
            v.taskClass = taskClass;
            v.taskName = taskName;
            v.schedulingDelay = delay;
            return;
        }
        if (e instanceof Pool p) {
            p.pool = e instanceof AllShortPool ? SHORT_POOL : e instanceof AllPaddedPool ? PADDED_POOL : LONG_POOL;
        }
        if (e instanceof Worker w) {
            w.worker = worker;
        }
        if (e instanceof TaskName t) {
            t.taskName = taskName;
        }
        if (e instanceof Delay d) {
            d.schedulingDelay = e instanceof AllUnknownDelay ? Long.MIN_VALUE : delay / 1_000;
        }
    }
}
