package dev.taskflight.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The summary of a {@code benchmarks/side-by-side.sh} run: reads the {@code result} lines of
 * {@link SideBySide} from {@code <dir>/<i>-<configuration>.txt} (JVM {@code i} of each configuration ran
 * in the same interleaved round) and prints, per workload and configuration, the JVMs' median
 * throughput, its spread, the median CPU per task and the change against the configuration's
 * reference: {@code jfr} for the recording configurations and {@code micrometer} (all run JFR's default
 * recording), {@code plain} for {@code jfr} and {@code agent-off}. A change is given from the medians
 * and as the median and range of the per-round paired changes (JVM i against JVM i). A markdown table,
 * to stdout and {@code <dir>/summary.md}.
 *
 * <p>{@code java -cp benchmarks.jar dev.taskflight.benchmarks.overhead.SideBySideReport DIR}
 */
public final class SideBySideReport {

    /** The configurations in the table's order; others follow by name. */
    private static final List<String> ORDER =
            List.of("plain", "jfr", "agent-off", "agent-production", "agent2-production", "agent-trace", "micrometer");
    private static final Map<String, String> REFERENCE = Map.of(
            "jfr", "plain", "agent-off", "plain",
            "agent-production", "jfr", "agent2-production", "jfr", "agent-trace", "jfr", "micrometer", "jfr");
    private static final Pattern LOG = Pattern.compile("(\\d+)-(.+)\\.txt");

    /** One JVM's result for one workload. */
    private record Result(double tasksPerSecond, double cpuPerTask, double workNanos) {

        /**
         * @return the throughput at equal speed of the task's work: tasks/s times the time of one task's
         *         work alone in this JVM (its workers' share of time spent in the tasks' work), which divides
         *         out how fast this JVM's compiled code runs the work itself
         */
        double atEqualWork() {
            return tasksPerSecond * workNanos / 1e9;
        }
    }

    private SideBySideReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SideBySideReport DIR");
        }
        Path dir = Path.of(args[0]);
        // workload -> configuration -> JVM i -> result
        Map<String, Map<String, Map<Integer, Result>>> results = new TreeMap<>();
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(f -> LOG.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path log : logs) {
            Matcher m = LOG.matcher(log.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int jvm = Integer.parseInt(m.group(1));
            String config = m.group(2);
            for (String line : Files.readAllLines(log)) {
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("result") && f.length >= 6) {
                    workloads.add(f[1]);
                    results.computeIfAbsent(f[1], w -> new TreeMap<>()).computeIfAbsent(config, c -> new TreeMap<>())
                            .put(jvm, new Result(Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                                    f.length > 6 ? Double.parseDouble(f[6]) : Double.NaN));
                } else if (line.startsWith("info JDK ")) {
                    notes.add("JDK " + line.substring("info JDK ".length()).replaceFirst(", micrometer (true|false)", ""));
                } else if (line.startsWith("skipped ")) {
                    notes.add(line.replaceFirst("^skipped ", "skipped: ") + " (" + config + ")");
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Side by side, ").append(dir).append(" (").append(logs.size()).append(" JVMs)\n\n");
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        out.append("\ntasks/s: median of the JVMs' medians; spread: lowest to highest and interquartile range of the JVMs,"
                + " in % of that median; change: from the medians, and the median and range of the paired changes"
                + " (JVM i against JVM i of the reference, same round); tasks/s negative = slower, CPU positive = costlier;"
                + " work: one task's work alone, ns, in that JVM; at equal work: tasks/s times work (what the workers'"
                + " time gives the tasks' own work), its spread and change: the figure of record, free of how fast each"
                + " JVM's compiled code runs the work itself.\n\n");
        out.append("| workload | configuration | JVMs | tasks/s | spread (lo–hi, IQR) | work ns | at equal work: spread | CPU ns/task"
                + " | vs. | at equal work: change | tasks/s change | CPU/task change |\n");
        out.append("|---|---|---:|---:|---|---:|---|---:|---|---|---|---|\n");
        for (String workload : workloads) {
            Map<String, Map<Integer, Result>> byConfig = results.get(workload);
            List<String> configs = new ArrayList<>(byConfig.keySet());
            configs.sort(Comparator.comparingInt((String c) -> ORDER.contains(c) ? ORDER.indexOf(c) : ORDER.size())
                    .thenComparing(c -> c));
            for (String config : configs) {
                Map<Integer, Result> jvms = byConfig.get(config);
                double[] tps = jvms.values().stream().mapToDouble(Result::tasksPerSecond).sorted().toArray();
                double[] cpu = jvms.values().stream().mapToDouble(Result::cpuPerTask).toArray();
                double median = SideBySide.median(tps);
                String reference = REFERENCE.get(config);
                Map<Integer, Result> ref = reference == null ? null : byConfig.get(reference);
                double[] work = jvms.values().stream().mapToDouble(Result::workNanos).toArray();
                double[] equal = jvms.values().stream().mapToDouble(Result::atEqualWork).sorted().toArray();
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %s | %,.1f | %s | %,.0f | %s | %s | %s | %s |%n",
                        workload, config, tps.length, median, spread(tps), SideBySide.median(work), spread(equal),
                        SideBySide.median(cpu), ref == null ? "" : reference,
                        ref == null ? "" : change(jvms, ref, Result::atEqualWork),
                        ref == null ? "" : change(jvms, ref, Result::tasksPerSecond),
                        ref == null ? "" : change(jvms, ref, Result::cpuPerTask)));
            }
        }
        System.out.print(out);
        Files.writeString(dir.resolve("summary.md"), out);
    }

    /** @return lowest to highest and the interquartile range of sorted values, in % of their median */
    private static String spread(double[] sorted) {
        double median = SideBySide.median(sorted);
        return String.format(Locale.ROOT, "%.1f%%, IQR %.1f%%", 100 * (sorted[sorted.length - 1] - sorted[0]) / median,
                100 * (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / median);
    }

    /** @return the change of the medians, and the median and range of the changes paired by JVM i */
    private static String change(Map<Integer, Result> jvms, Map<Integer, Result> reference,
            ToDoubleFunction<Result> value) {
        double ofMedians = percent(SideBySide.median(jvms.values().stream().mapToDouble(value).toArray()),
                SideBySide.median(reference.values().stream().mapToDouble(value).toArray()));
        double[] paired = jvms.entrySet().stream().filter(e -> reference.containsKey(e.getKey()))
                .mapToDouble(e -> percent(value.applyAsDouble(e.getValue()), value.applyAsDouble(reference.get(e.getKey()))))
                .sorted().toArray();
        if (paired.length == 0) {
            return String.format(Locale.ROOT, "%+.1f%% (no pairs)", ofMedians);
        }
        return String.format(Locale.ROOT, "%+.1f%% (paired median %+.1f%%, paired range %+.1f%% .. %+.1f%%)",
                ofMedians, SideBySide.median(paired), paired[0], paired[paired.length - 1]);
    }

    private static double percent(double value, double reference) {
        return 100 * (value / reference - 1);
    }

    /** @return the q-quantile of sorted values, interpolated linearly between neighbours */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
