package dev.taskflight.samples;

import dev.taskflight.recorder.InstrumentedForkJoinPool;
import dev.taskflight.recorder.InstrumentedScheduledThreadPoolExecutor;
import dev.taskflight.recorder.InstrumentedThreadPoolExecutor;
import dev.taskflight.recorder.TaskflightExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo workload: a 4-worker fork/join pool computing recursively, a 4-worker request pool that
 * takes bursts of short requests with one slow request among them, and a timer pool, for about five
 * seconds. Run it under JFR with a Taskflight profile; see the README.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if a task fails, which the demo does not expect
     */
    public static void main(String[] args) throws Exception {
        InstrumentedForkJoinPool compute = TaskflightExecutors.newForkJoinPool("demo-compute", 4);
        InstrumentedThreadPoolExecutor requests = TaskflightExecutors.newFixedThreadPool("demo-requests", 4);
        InstrumentedScheduledThreadPoolExecutor timers = TaskflightExecutors.newScheduledThreadPool("demo-timers", 1);
        ScheduledFuture<?> heartbeat = timers.scheduleAtFixedRate(() -> busy(200_000), 0, 50, TimeUnit.MILLISECONDS);

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int round = 0;
        while (System.nanoTime() < end) {
            List<Future<?>> pending = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pending.add(requests.submit(() -> busy(500_000)));
            }
            if (round % 5 == 0) {
                pending.add(requests.submit(Demo::slowRequest));
            }
            pending.add(compute.submit(new Sum(0, 2_000_000)));
            pending.add(compute.submit(() -> {
                // fan out through the pool: these land on this worker's queue and others steal them
                List<Future<?>> parts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    parts.add(compute.submit(() -> busy(1_000_000)));
                }
                busy(5_000_000);
                for (Future<?> part : parts) {
                    part.get();
                }
                return null;
            }));
            for (Future<?> f : pending) {
                f.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
            round++;
        }
        heartbeat.cancel(false);
        timers.shutdown();
        requests.shutdown();
        compute.shutdown();
        requests.awaitTermination(10, TimeUnit.SECONDS);
        compute.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("demo: " + round + " rounds on demo-compute, demo-requests and demo-timers");
    }

    /** A request that holds its worker for 60 ms: a long poll. */
    private static void slowRequest() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(60));
    }

    static long busy(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long x = 1;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) { // the clock every thousand steps: JDK 17's sampler drops most samples of a per-step clock loop
                x = x * 31 + 7;
            }
        }
        return x;
    }

    /** Sums a range by splitting it in halves down to 10 000 numbers. */
    static final class Sum extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final long from;
        private final long to;

        Sum(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= 10_000) {
                long s = 0;
                for (long i = from; i < to; i++) {
                    s += i % 7;
                }
                return s;
            }
            long mid = (from + to) >>> 1;
            Sum left = new Sum(from, mid);
            left.fork();
            return new Sum(mid, to).compute() + left.join();
        }
    }
}
