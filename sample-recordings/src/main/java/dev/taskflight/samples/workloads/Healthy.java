package dev.taskflight.samples.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The control: a 2-thread pool serving short requests (50 µs, four every 5 ms) at a rate it handles
 * easily.
 *
 * <p>What the analysis should say: nothing — no findings.
 */
public final class Healthy {

    private Healthy() {
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if a task fails
     */
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long end = System.nanoTime() + Workloads.runTime().toNanos();
        int requests = 0;
        while (System.nanoTime() < end) {
            List<Future<?>> batch = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batch.add(pool.submit(() -> Workloads.burnCpu(TimeUnit.MICROSECONDS.toNanos(50))));
            }
            for (Future<?> f : batch) {
                f.get();
            }
            requests += batch.size();
            Workloads.pause(TimeUnit.MILLISECONDS.toNanos(5));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("healthy: " + requests + " requests");
    }
}
