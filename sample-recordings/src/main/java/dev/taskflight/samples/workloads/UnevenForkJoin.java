package dev.taskflight.samples.workloads;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;

/**
 * What is wrong: a recursive computation on a 4-worker {@code ForkJoinPool} splits its range very
 * unevenly — the rightmost leaf costs 200 times the others — so one worker carries most of
 * the work while the others steal crumbs and go idle. The computation runs inside one batch task, so
 * the same worker carries the heavy part every time.
 *
 * <p>What the analysis should say: imbalance (polls and busy time per worker differ by more than
 * 3x: the batch worker runs one poll, the others hundreds of stolen leaves) with many steals, and a
 * long poll, on CPU, on the worker that runs the batch.
 */
public final class UnevenForkJoin {

    private UnevenForkJoin() {
    }

    /** Sums over a range; the last leaf of every range is heavy. */
    static final class Skewed extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;
        private final boolean heavy;

        Skewed(int from, int to, boolean heavy) {
            this.from = from;
            this.to = to;
            this.heavy = heavy;
        }

        @Override
        protected Long compute() {
            if (to - from <= 1) {
                return Workloads.burnCpu(TimeUnit.MICROSECONDS.toNanos(heavy ? 40_000 : 200));
            }
            int mid = (from + to) >>> 1;
            Skewed left = new Skewed(from, mid, false);
            left.fork();
            return new Skewed(mid, to, heavy).compute() + left.join();
        }
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        ForkJoinPool pool = new ForkJoinPool(4);
        long end = System.nanoTime() + Workloads.runTime().toNanos();
        // One batch job: a single top-level task that runs the skewed computation again and again. Its
        // worker always carries the heavy spine inside that one poll; the others only ever steal leaves.
        int runs = pool.invoke(ForkJoinTask.adapt(() -> {
            int n = 0;
            while (System.nanoTime() < end) {
                new Skewed(0, 64, true).invoke();
                n++;
            }
            return n;
        }));
        pool.shutdown();
        System.out.println("uneven-fork-join: " + runs + " runs");
    }
}
