package dev.taskflight.recorder;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Workload building blocks for tests: waiting on the clock, never on {@code Thread.sleep}. */
final class Work {

    private Work() {
    }

    /** Blocks the calling thread for at least {@code d}. */
    static void hold(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Keeps the CPU busy for at least {@code d}. */
    static long spin(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long x = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) { // the clock every thousand steps: JDK 17's sampler drops most samples of a per-step clock loop
                x += x * 31 + 7;
            }
        }
        return x;
    }
}
