package dev.taskflight.benchmarks.overhead;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What one virtual thread's trip through its scheduler costs, on one carrier
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}, set by {@code benchmarks/vt-transitions.sh}), JDK 21
 * and later:
 * <ul>
 * <li><b>yield</b>: a virtual thread calls {@code Thread.yield()} in a loop; each call unmounts it, submits it
 *     again and mounts it: the time per call;</li>
 * <li><b>start+join</b>: the main thread starts a virtual thread with an empty task and joins it, again and
 *     again: the time per pair, the main thread's CPU time per pair, and how often per pair it had to
 *     wait for the virtual thread (its voluntary context switches, from {@code /proc}).</li>
 * </ul>
 * Each is run {@code -Dbench.rounds} times (30); the first 10 rounds are warm-up, and the line printed
 * gives the median of the others:
 * {@code cycle <yield ns> <start+join ns> <main CPU ns> <main waits per start+join>}.
 */
public final class VirtualThreadCycle {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 30);
    private static final int WARM_UP_ROUNDS = 10;
    private static final int YIELDS = Integer.getInteger("bench.yields", 200_000);
    private static final int STARTS = Integer.getInteger("bench.starts", 20_000);

    private VirtualThreadCycle() {
    }

    /**
     * Runs both measures and prints the {@code cycle} line.
     *
     * @param args none
     * @throws Throwable if virtual threads are missing (before JDK 21)
     */
    public static void main(String[] args) throws Throwable {
        MethodHandle start = startVirtualThread();
        double[] yield = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long[] nanos = new long[1];
            Thread t = (Thread) start.invokeExact((Runnable) () -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < YIELDS; i++) {
                    Thread.yield();
                }
                nanos[0] = System.nanoTime() - t0;
            });
            t.join();
            yield[r] = nanos[0] / (double) YIELDS;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Runnable empty = () -> { };
        double[] pair = new double[ROUNDS];
        double[] cpu = new double[ROUNDS];
        long waitsBefore = 0;
        for (int r = 0; r < ROUNDS; r++) {
            if (r == WARM_UP_ROUNDS) {
                waitsBefore = voluntarySwitches();
            }
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < STARTS; i++) {
                ((Thread) start.invokeExact(empty)).join();
            }
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / (double) STARTS;
            pair[r] = (System.nanoTime() - t0) / (double) STARTS;
        }
        double waits = (voluntarySwitches() - waitsBefore) / (double) ((ROUNDS - WARM_UP_ROUNDS) * STARTS);
        System.out.printf("cycle %.1f %.1f %.1f %.3f%n", median(yield), median(pair), median(cpu), waits);
    }

    /** {@code Thread.startVirtualThread(Runnable)}, found at run time: the module compiles for JDK 17. */
    private static MethodHandle startVirtualThread() throws ReflectiveOperationException {
        return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                MethodType.methodType(Thread.class, Runnable.class));
    }

    /** The main thread's voluntary context switches so far (Linux), or 0 elsewhere. */
    private static long voluntarySwitches() throws IOException {
        Path status = Path.of("/proc/thread-self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    private static double median(double[] rounds) {
        double[] kept = Arrays.copyOfRange(rounds, WARM_UP_ROUNDS, rounds.length);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }
}
