package dev.taskflight.samples.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What is wrong: the tasks of an 8-thread pool all update one {@link SharedLedger} inside a
 * {@code synchronized} block that holds the monitor for 20 ms, so seven workers wait for the eighth.
 *
 * <p>What the analysis should say: long polls on the fixed pool, caused by contended monitor enters
 * on {@code dev.taskflight.samples.workloads.LockContention$SharedLedger}.
 */
public final class LockContention {

    private LockContention() {
    }

    /** The one object every task locks. */
    static final class SharedLedger {
        private long balance;

        synchronized void post(long amount) {
            balance += amount;
            Workloads.burnCpu(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if a task fails
     */
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Boolean.getBoolean("sample.virtual")
                ? CpuHeavyVirtualThreadServer.virtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(8);
        // -Dsample.virtual=true (JDK 21+): a virtual thread per task. On JDK 24+ a virtual thread waiting for
        // the monitor unmounts, so no carrier is blocked: the long polls are the holders' 20 ms on CPU.
        // (The pool's creation stays on line 40: the agent names the fixed pool LockContention.main:40.)
        SharedLedger ledger = new SharedLedger();
        long end = System.nanoTime() + Workloads.runTime().toNanos();
        int tasks = 0;
        while (System.nanoTime() < end) {
            List<Future<?>> round = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                round.add(pool.submit(() -> ledger.post(1)));
            }
            for (Future<?> f : round) {
                f.get();
            }
            tasks += round.size();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("lock-contention: " + tasks + " tasks");
    }
}
