package dev.taskflight.benchmarks.overhead;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * What a recording costs within one JVM: a {@link SideBySide} workload measured in rounds while a
 * recording is started and stopped between them, in groups of four (off, on, on, off, so that a drift
 * within the JVM cancels), each group giving the change in throughput with the recording against
 * without. The JVM-to-JVM spread that hides a fraction of a percent in whole-JVM comparisons cancels
 * within a group; comparing the change in a JVM with the agent to the change in a plain JVM gives what
 * Taskflight's recording adds to JFR's.
 *
 * <p>{@code java [-javaagent:...] -cp benchmarks.jar dev.taskflight.benchmarks.overhead.RecordingToggle
 * SETTINGS WORKLOAD} where {@code SETTINGS} is a comma-separated list of JFR configurations layered in
 * order ({@code default}, {@code profile}, or the path of a {@code .jfc}); {@code -Dbench.warmup} (s, 10,
 * half of it recording),
 * {@code -Dbench.groups} (12), {@code -Dbench.roundMillis} (1000), {@code -Dbench.settleMillis} (300,
 * run but not counted after each start and stop) and {@code -Dbench.always} (a list like {@code SETTINGS}:
 * a recording that runs throughout, from before the warm-up). A file name without a path, such as
 * {@code taskflight-off.jfc}, is read from the repository's {@code settings/} folder; with
 * {@code -Dbench.always=default,taskflight-off.jfc} and {@code SETTINGS} {@code taskflight.jfc} under the
 * agent, one JVM runs JFR's {@code default} recording throughout and toggles Taskflight's recording alone
 * (its recorder is dormant under a recording that turns its events off). Prints {@code toggle-round} lines (round, on or off,
 * tasks/s, the process's CPU time per task in ns, the round's start and end by {@link System#nanoTime}, its
 * tasks), then
 * {@code toggle <workload> <groups> <median change %> <mean change %> <standard error %>} for the
 * throughput and {@code toggle-cpu ...} alike for the CPU time per task (all the process's threads: the
 * workers, the submitter, JFR's, the watchdog, the JIT and the GC).
 */
public final class RecordingToggle {

    private RecordingToggle() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: RecordingToggle SETTINGS WORKLOAD (SETTINGS: default,taskflight.jfc ...)");
        }
        Map<String, String> settings = layered(args[0]);
        SideBySide.Factory factory = SideBySide.factories().get(args[1]);
        if (factory == null) {
            throw new IllegalArgumentException("no workload " + args[1] + ": one of "
                    + SideBySide.factories().keySet());
        }
        long warmUpNanos = (long) (Double.parseDouble(System.getProperty("bench.warmup", "10")) * 1e9);
        int groups = Integer.getInteger("bench.groups", 12);
        long roundNanos = Long.getLong("bench.roundMillis", 1000) * 1_000_000L;
        long settleNanos = Long.getLong("bench.settleMillis", 300) * 1_000_000L;
        SideBySide.Workload workload = factory.create(args[1]);
        if (workload == null) {
            return;
        }
        String alwaysList = System.getProperty("bench.always", "");
        System.out.println("info JDK " + Runtime.version() + ", settings " + args[0] + ", " + groups + " groups"
                + (alwaysList.isEmpty() ? "" : ", always " + alwaysList));
        Recording always = alwaysList.isEmpty() ? null : new Recording(layered(alwaysList));
        try {
            if (always != null) {
                always.start();
            }
            // half the warm-up with the recording: JFR's start-up and the recorded paths' compilation
            try (Recording first = new Recording(settings)) {
                first.start();
                workload.runFor(warmUpNanos / 2);
                first.stop();
            }
            workload.runFor(warmUpNanos / 2);
            double[] changes = new double[groups];
            double[] cpuChanges = new double[groups];
            Recording recording = null;
            for (int g = 0; g < groups; g++) {
                double[] off = new double[2];
                double[] on = new double[2];
                double[] cpuOff = new double[2];
                double[] cpuOn = new double[2];
                for (int i = 0; i < 4; i++) {
                    boolean wanted = i == 1 || i == 2;
                    if (wanted && recording == null) {
                        recording = new Recording(settings);
                        recording.start();
                    } else if (!wanted && recording != null) {
                        recording.stop();
                        recording.close();
                        recording = null;
                    }
                    workload.runFor(settleNanos);
                    Round round = round(workload, roundNanos);
                    int half = i == 0 || i == 1 ? 0 : 1;
                    (wanted ? on : off)[half] = round.tasksPerSecond();
                    (wanted ? cpuOn : cpuOff)[half] = round.cpuPerTask();
                    System.out.printf(Locale.ROOT, "toggle-round %s %d %s %.0f %.1f %d %d %d%n", workload.name(),
                            4 * g + i + 1, wanted ? "on" : "off", round.tasksPerSecond(), round.cpuPerTask(),
                            round.start(), round.end(), round.tasks());
                }
                changes[g] = 100.0 * ((on[0] + on[1]) / (off[0] + off[1]) - 1);
                cpuChanges[g] = 100.0 * ((cpuOn[0] + cpuOn[1]) / (cpuOff[0] + cpuOff[1]) - 1);
            }
            print("toggle", workload.name(), changes);
            print("toggle-cpu", workload.name(), cpuChanges);
        } finally {
            if (always != null) {
                always.close();
            }
            workload.pool().close();
        }
    }

    /**
     * One round's throughput, the CPU time the whole process spent per task (ns), and its bounds by
     * {@link System#nanoTime} (Linux's monotonic clock, which {@code perf record -k CLOCK_MONOTONIC} stamps
     * its samples with: benchmarks/toggle-profile.py splits a profile by round) with its tasks.
     */
    private record Round(double tasksPerSecond, double cpuPerTask, long start, long end, long tasks) {
    }

    private static Round round(SideBySide.Workload workload, long nanos) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long tasks = 0;
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long now;
        do {
            workload.runBatch();
            tasks += workload.batch();
            now = System.nanoTime();
        } while (now - start < nanos);
        long cpu = os.getProcessCpuTime() - cpuStart;
        return new Round(tasks * 1e9 / (now - start), (double) cpu / tasks, start, now, tasks);
    }

    /** {@code label workload groups median mean standardError}, the changes in percent. */
    private static void print(String label, String workload, double[] changes) {
        double mean = Arrays.stream(changes).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(changes).map(c -> (c - mean) * (c - mean)).sum()
                / Math.max(1, changes.length - 1));
        System.out.printf(Locale.ROOT, "%s %s %d %.3f %.3f %.3f%n", label, workload, changes.length,
                SideBySide.median(changes), mean, sd / Math.sqrt(changes.length));
    }

    /** The settings of JFR configurations named or given by path, later ones over earlier ones. */
    private static Map<String, String> layered(String list) throws IOException, ParseException {
        Map<String, String> settings = new HashMap<>();
        for (String name : list.split(",")) {
            Path file = Path.of(name);
            if (name.endsWith(".jfc") && file.getParent() == null && !file.toFile().exists()) {
                file = Path.of("settings", name);
            }
            Configuration c = name.endsWith(".jfc") ? Configuration.create(file) : Configuration.getConfiguration(name);
            settings.putAll(c.getSettings());
        }
        return settings;
    }
}
