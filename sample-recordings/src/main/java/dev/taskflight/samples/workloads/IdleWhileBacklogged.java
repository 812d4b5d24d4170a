package dev.taskflight.samples.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * What is wrong: a single-thread pool gets far more work than it can do while an oversized 16-thread
 * pool beside it sits idle; and a 4-worker {@code ForkJoinPool} is fed by one external submitter
 * that submits in bursts, so its workers park and wake with work already queued.
 *
 * <p>What the analysis should say: a queue backlog (over 1000 tasks) and high scheduling delay on the
 * single-thread pool; idle workers on the oversized pool and, on the fork/join pool, workers parked
 * beside queued work (the analysis reports the backlog: the gaps are in sample-recordings/README.md).
 */
public final class IdleWhileBacklogged {

    private IdleWhileBacklogged() {
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        ExecutorService narrow = Executors.newSingleThreadExecutor();
        ExecutorService oversized = Executors.newFixedThreadPool(16);
        ForkJoinPool fed = new ForkJoinPool(4);
        long end = System.nanoTime() + Workloads.runTime().toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 400; i++) {
                narrow.execute(() -> Workloads.burnCpu(TimeUnit.MICROSECONDS.toNanos(200)));
            }
            oversized.execute(() -> Workloads.burnCpu(TimeUnit.MICROSECONDS.toNanos(100)));
            for (int i = 0; i < 32; i++) {
                fed.execute(() -> Workloads.burnCpu(TimeUnit.MICROSECONDS.toNanos(300)));
            }
            Workloads.pause(TimeUnit.MILLISECONDS.toNanos(20));
        }
        narrow.shutdownNow();
        oversized.shutdown();
        fed.shutdown();
        oversized.awaitTermination(1, TimeUnit.MINUTES);
        fed.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("idle-while-backlogged: done");
    }
}
