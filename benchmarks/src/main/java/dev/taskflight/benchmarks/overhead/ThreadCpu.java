package dev.taskflight.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time of this JVM's threads, by group of threads (a thread's name with its trailing digits
 * replaced by {@code #}, as Linux keeps it: at most 15 characters), read from
 * {@code /proc/self/task/<tid>/schedstat} (nanoseconds on a CPU). {@link SideBySide} prints, per workload,
 * each group's CPU per task over its rounds after the first ({@code threads} lines), so that a change
 * in throughput can be placed: the workers' own CPU per task, or CPU taken by other threads (the JIT's,
 * the agent's watchdog, JFR's), or time no thread ran. Linux only; elsewhere nothing is printed.
 */
final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {
    }

    /** @return the CPU time of each group of threads alive now, in ns; empty where {@code /proc} is missing */
    static Map<String, Long> byGroup() {
        Map<String, Long> groups = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return groups;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(t -> {
                try {
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("\\d+$", "#");
                    long ns = Long.parseLong(Files.readString(t.resolve("schedstat")).strip().split(" ")[0]);
                    groups.merge(name, ns, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while it was read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return groups;
    }

    /**
     * Prints {@code threads <workload> <group> <ns per task>} for each group that used CPU between two
     * readings (a thread that ended in between is not counted), {@code threads <workload> (all) <ns per
     * task>}, and {@code threads <workload> (unused) <ns per task>}: the CPU time the JVM could have used
     * between the readings (its available processors times the time) and no thread of it did.
     */
    static void print(String workload, Map<String, Long> before, Map<String, Long> after, long tasks, long wallNanos) {
        if (before.isEmpty() || after.isEmpty() || tasks <= 0) {
            return;
        }
        long all = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long ns = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (ns > 0) {
                all += ns;
                System.out.printf(Locale.ROOT, "threads %s %s %.2f%n", workload, e.getKey().replace(' ', '_'),
                        (double) ns / tasks);
            }
        }
        System.out.printf(Locale.ROOT, "threads %s (all) %.2f%n", workload, (double) all / tasks);
        double unused = (double) Runtime.getRuntime().availableProcessors() * wallNanos - all;
        System.out.printf(Locale.ROOT, "threads %s (unused) %.2f%n", workload, unused / tasks);
    }
}
