package dev.taskflight.benchmarks.overhead;

import java.io.IOException;
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
 * {@code -Dbench.groups} (12), {@code -Dbench.roundMillis} (1000) and {@code -Dbench.settleMillis} (300,
 * run but not counted after each start and stop). Prints {@code toggle-round} lines and
 * {@code toggle <workload> <groups> <median change %> <mean change %> <standard error %>}.
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
        System.out.println("info JDK " + Runtime.version() + ", settings " + args[0] + ", " + groups + " groups");
        try {
            // half the warm-up with the recording: JFR's start-up and the recorded paths' compilation
            try (Recording first = new Recording(settings)) {
                first.start();
                workload.runFor(warmUpNanos / 2);
                first.stop();
            }
            workload.runFor(warmUpNanos / 2);
            double[] changes = new double[groups];
            Recording recording = null;
            for (int g = 0; g < groups; g++) {
                double[] off = new double[2];
                double[] on = new double[2];
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
                    double tps = tasksPerSecond(workload, roundNanos);
                    (wanted ? on : off)[i == 0 || i == 1 ? 0 : 1] = tps;
                    System.out.printf(Locale.ROOT, "toggle-round %s %d %s %.0f%n", workload.name(), 4 * g + i + 1,
                            wanted ? "on" : "off", tps);
                }
                changes[g] = 100.0 * ((on[0] + on[1]) / (off[0] + off[1]) - 1);
            }
            double mean = Arrays.stream(changes).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(changes).map(c -> (c - mean) * (c - mean)).sum()
                    / Math.max(1, groups - 1));
            System.out.printf(Locale.ROOT, "toggle %s %d %.3f %.3f %.3f%n", workload.name(), groups,
                    SideBySide.median(changes), mean, sd / Math.sqrt(groups));
        } finally {
            workload.pool().close();
        }
    }

    private static double tasksPerSecond(SideBySide.Workload workload, long nanos) throws InterruptedException {
        long tasks = 0;
        long start = System.nanoTime();
        long now;
        do {
            workload.runBatch();
            tasks += workload.batch();
            now = System.nanoTime();
        } while (now - start < nanos);
        return tasks * 1e9 / (now - start);
    }

    /** The settings of JFR configurations named or given by path, later ones over earlier ones. */
    private static Map<String, String> layered(String list) throws IOException, ParseException {
        Map<String, String> settings = new HashMap<>();
        for (String name : list.split(",")) {
            Configuration c = name.endsWith(".jfc") ? Configuration.create(Path.of(name))
                    : Configuration.getConfiguration(name);
            settings.putAll(c.getSettings());
        }
        return settings;
    }
}
