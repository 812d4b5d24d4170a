package dev.taskflight.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * reference: {@code jfr} for the recording configurations, {@code agent-dormant} (the agent under JFR's
 * default recording with Taskflight's events off) and {@code micrometer} (all run JFR's default
 * recording), {@code plain} for {@code jfr} and {@code agent-off}. A change is given from the medians
 * and as the median and range of the per-round paired changes (JVM i against JVM i). A markdown table,
 * to stdout and {@code <dir>/summary.md}.
 *
 * <p>{@code java -cp benchmarks.jar dev.taskflight.benchmarks.overhead.SideBySideReport DIR}
 *
 * <p>Given several runs' directories ({@code SideBySideReport DIR DIR...}), it pools them instead and
 * prints the table of {@link #pooled} to stdout: a budget is judged on many runs, since a run's median
 * moves by more than the budget from one run to the next.
 */
public final class SideBySideReport {

    /** The configurations in the table's order; others follow by name. */
    private static final List<String> ORDER =
            List.of("plain", "jfr", "agent-off", "agent-dormant", "agent-production", "agent2-production", "agent-trace",
                    "micrometer");
    private static final Map<String, String> REFERENCE = Map.of(
            "jfr", "plain", "agent-off", "plain", "agent-dormant", "jfr",
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
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: SideBySideReport DIR [DIR...]");
        }
        if (args.length > 1) {
            System.out.print(pooled(Stream.of(args).map(Path::of).toList()));
            return;
        }
        Path dir = Path.of(args[0]);
        Set<String> notes = new LinkedHashSet<>();
        Run run = read(dir, notes);
        Map<String, Map<String, Map<Integer, Result>>> results = run.results();
        Set<String> workloads = results.keySet();
        StringBuilder out = new StringBuilder();
        out.append("Side by side, ").append(dir).append(" (").append(run.logs()).append(" JVMs)\n\n");
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
            configs.sort(CONFIG_ORDER);
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

    /** The configurations in the table's order. */
    private static final Comparator<String> CONFIG_ORDER =
            Comparator.comparingInt((String c) -> ORDER.contains(c) ? ORDER.indexOf(c) : ORDER.size()).thenComparing(c -> c);

    /**
     * One run's JVMs.
     *
     * @param results workload, then configuration, then JVM i, to its result
     * @param logs the JVMs' output files read
     */
    private record Run(Map<String, Map<String, Map<Integer, Result>>> results, int logs) {
    }

    /**
     * Reads one run's JVMs.
     *
     * @param dir the run's directory
     * @param notes receives the JDK and what was skipped
     * @return the run
     */
    private static Run read(Path dir, Set<String> notes) throws IOException {
        Map<String, Map<String, Map<Integer, Result>>> results = new TreeMap<>();
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
        return new Run(results, logs.size());
    }

    /**
     * Several runs of the same configurations together: per workload and configuration, the change at
     * equal work against the reference, from the means of every JVM of every run, with its standard
     * error (the two configurations' standard errors combined); the mean and standard error of the
     * runs' changes from their medians (each run's figure in its own summary); and the change of the
     * mean CPU per task, with its standard error.
     *
     * @param dirs the runs' directories
     * @return a markdown table
     */
    static String pooled(List<Path> dirs) throws IOException {
        Set<String> notes = new LinkedHashSet<>();
        // workload -> configuration -> every JVM's result, and each run's change of the medians
        Map<String, Map<String, List<Result>>> jvms = new TreeMap<>();
        Map<String, Map<String, List<Double>>> runChanges = new TreeMap<>();
        for (Path dir : dirs) {
            read(dir, notes).results().forEach((workload, byConfig) -> byConfig.forEach((config, results) -> {
                jvms.computeIfAbsent(workload, w -> new TreeMap<>()).computeIfAbsent(config, c -> new ArrayList<>())
                        .addAll(results.values());
                Map<Integer, Result> ref = REFERENCE.containsKey(config) ? byConfig.get(REFERENCE.get(config)) : null;
                if (ref != null) {
                    runChanges.computeIfAbsent(workload, w -> new TreeMap<>()).computeIfAbsent(config, c -> new ArrayList<>())
                            .add(percent(SideBySide.median(results.values().stream().mapToDouble(Result::atEqualWork).toArray()),
                                    SideBySide.median(ref.values().stream().mapToDouble(Result::atEqualWork).toArray())));
                }
            }));
        }
        StringBuilder out = new StringBuilder();
        out.append("Side by side, ").append(dirs.size()).append(" runs pooled\n\n");
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        out.append("\nat equal work: the change of the mean over every JVM of every run, ± its standard error; runs:"
                + " the mean ± standard error of the runs' own changes (from their medians), and their range; CPU per"
                + " task: the change of the means ± standard error.\n\n");
        out.append("| workload | configuration | vs. | runs | JVMs | at equal work: change of the means | runs' changes"
                + " | CPU/task change |\n");
        out.append("|---|---|---|---:|---:|---|---|---|\n");
        jvms.forEach((workload, byConfig) -> {
            List<String> configs = new ArrayList<>(byConfig.keySet());
            configs.sort(CONFIG_ORDER);
            for (String config : configs) {
                String reference = REFERENCE.get(config);
                List<Result> ref = reference == null ? null : byConfig.get(reference);
                if (ref == null) {
                    continue;
                }
                List<Result> these = byConfig.get(config);
                double[] runs = runChanges.getOrDefault(workload, Map.of()).getOrDefault(config, List.of()).stream()
                        .mapToDouble(d -> d).sorted().toArray();
                Stats r = Stats.of(runs);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s | %s | %s |%n",
                        workload, config, reference, runs.length, these.size(), meanChange(these, ref, Result::atEqualWork),
                        runs.length == 0 ? "no run with both" : String.format(Locale.ROOT, "%+.2f%% ± %.2f (%+.1f%% .. %+.1f%%)",
                                r.mean, r.standardError, runs[0], runs[runs.length - 1]),
                        meanChange(these, ref, Result::cpuPerTask)));
            }
        });
        return out.toString();
    }

    /** @return the change of the mean of {@code value} against the reference's, ± its standard error, in % */
    private static String meanChange(List<Result> these, List<Result> reference, ToDoubleFunction<Result> value) {
        Stats a = Stats.of(these.stream().mapToDouble(value).toArray());
        Stats b = Stats.of(reference.stream().mapToDouble(value).toArray());
        double error = 100 * Math.hypot(a.standardError, b.standardError) / b.mean;
        return String.format(Locale.ROOT, "%+.2f%% ± %.2f", percent(a.mean, b.mean), error);
    }

    /** The mean of values and its standard error (the sample standard deviation over the square root of their number). */
    private record Stats(double mean, double standardError) {
        static Stats of(double[] values) {
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
            int n = values.length;
            return new Stats(mean, n > 1 ? Math.sqrt(squares / (n - 1) / n) : Double.NaN);
        }
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
