package dev.taskflight.benchmarks.overhead;

import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.recorder.TaskflightExecutors;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The production watchdog's CPU cost, next to what a bare timed park costs on the same machine.
 * Measures, with {@link ThreadMXBean#getThreadCpuTime}, the CPU time of a thread that only calls
 * {@code LockSupport.parkNanos(period)} in a loop, then that of the {@code taskflight-watchdog}
 * thread while two library pools of two workers run request-like tasks under the production
 * profile (the watchdog's period is set with {@code -Dtaskflight.watchdog.periodMillis}, default 5).
 * Prints {@code key value} lines.
 */
public final class WatchdogCost {

    private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(8);

    private WatchdogCost() {
    }

    /**
     * Runs both measurements.
     *
     * @param args ignored
     * @throws Exception if a pool or the recording fails
     */
    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long period = TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("taskflight.watchdog.periodMillis", 5));
        Thread parker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(period);
            }
        }, "bare-park");
        parker.setDaemon(true);
        parker.start();
        print("barePark", mx, parker, period, () -> Thread.sleep(MEASURE_NANOS / 1_000_000));
        parker.interrupt();

        ExecutorService a = TaskflightExecutors.newFixedThreadPool("watchdog-a", 2);
        ExecutorService b = TaskflightExecutors.newFixedThreadPool("watchdog-b", 2);
        try (Recording r = new Recording(TaskflightSettings.load(Profile.PRODUCTION))) {
            r.start();
            load(a, b, TimeUnit.SECONDS.toNanos(1));
            Thread watchdog = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("taskflight-watchdog")).findFirst().orElseThrow();
            print("watchdogUnderLoad", mx, watchdog, period, () -> load(a, b, MEASURE_NANOS));
            r.stop();
        }
        a.shutdown();
        b.shutdown();
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void print(String key, ThreadMXBean mx, Thread t, long period, Body body) throws Exception {
        long cpu0 = mx.getThreadCpuTime(t.getId());
        long t0 = System.nanoTime();
        body.run();
        long cpu = mx.getThreadCpuTime(t.getId()) - cpu0;
        long wall = System.nanoTime() - t0;
        System.out.printf("%s.periodMillis %d%n", key, period / 1_000_000);
        System.out.printf("%s.cpuPercentOfOneCore %.2f%n", key, 100.0 * cpu / wall);
        System.out.printf("%s.cpuMicrosPerPeriod %.1f%n", key, cpu / 1000.0 / ((double) wall / period));
    }

    private static void load(ExecutorService a, ExecutorService b, long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            CountDownLatch done = new CountDownLatch(200);
            for (int i = 0; i < 100; i++) {
                a.execute(() -> {
                    Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
                    done.countDown();
                });
                b.execute(() -> {
                    Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
                    done.countDown();
                });
            }
            done.await();
        }
    }
}
