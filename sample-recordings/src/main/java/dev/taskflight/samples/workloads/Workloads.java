package dev.taskflight.samples.workloads;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Building blocks shared by the sample workloads. */
final class Workloads {

    private Workloads() {
    }

    /** How long each workload runs, unless {@code -Dsample.seconds} says otherwise. */
    static Duration runTime() {
        return Duration.ofSeconds(Long.getLong("sample.seconds", 4));
    }

    /** Keeps the CPU busy for at least {@code nanos}; returns a value so the work is not elided. */
    static long burnCpu(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long x = 17;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x;
    }

    /** Waits at least {@code nanos} without using the CPU. */
    static void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
