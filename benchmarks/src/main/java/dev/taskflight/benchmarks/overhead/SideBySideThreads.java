package dev.taskflight.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a configuration's CPU per task goes, by group of threads, against another configuration's: reads
 * the {@code threads} lines of {@link SideBySide} (see {@link ThreadCpu}) from the {@code <i>-<config>.txt}
 * files of one or more {@code benchmarks/side-by-side.sh} runs and prints, per workload and group, the mean
 * nanoseconds per task over the JVMs of each configuration, their difference and its standard error, and
 * the share of the CPUs each group used. A markdown table, to stdout.
 *
 * <p>{@code java -cp benchmarks.jar dev.taskflight.benchmarks.overhead.SideBySideThreads BASE OTHER DIR...}
 * (for example {@code jfr agent-production /tmp/sbs/run1/17 /tmp/sbs/run2/17}).
 */
public final class SideBySideThreads {

    private static final Pattern FILE = Pattern.compile("\\d+-(.+)\\.txt");
    /** The smallest difference, in ns per task, that a group needs to get a row (the totals always have one). */
    private static final double SHOWN_NANOS = 0.5;

    private SideBySideThreads() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: SideBySideThreads BASE OTHER DIR...");
        }
        String base = args[0];
        String other = args[1];
        // workload -> config -> group -> per-JVM values
        Map<String, Map<String, Map<String, List<Double>>>> all = new TreeMap<>();
        Map<String, Map<String, Integer>> jvms = new TreeMap<>();
        for (int i = 2; i < args.length; i++) {
            try (Stream<Path> files = Files.list(Path.of(args[i]))) {
                for (Path f : files.sorted().toList()) {
                    Matcher m = FILE.matcher(f.getFileName().toString());
                    if (!m.matches() || !(m.group(1).equals(base) || m.group(1).equals(other))) {
                        continue;
                    }
                    read(f, m.group(1), all, jvms);
                }
            }
        }
        for (Map.Entry<String, Map<String, Map<String, List<Double>>>> w : all.entrySet()) {
            Map<String, List<Double>> b = w.getValue().getOrDefault(base, Map.of());
            Map<String, List<Double>> o = w.getValue().getOrDefault(other, Map.of());
            int nb = jvms.get(w.getKey()).getOrDefault(base, 0);
            int no = jvms.get(w.getKey()).getOrDefault(other, 0);
            System.out.printf(Locale.ROOT, "%n%s: %s (%d JVMs) against %s (%d JVMs), ns per task over the rounds after the first%n%n",
                    w.getKey(), other, no, base, nb);
            System.out.println("| threads | " + base + " | " + other + " | difference | ± standard error |");
            System.out.println("|---|---:|---:|---:|---:|");
            TreeSet<String> groups = new TreeSet<>(b.keySet());
            groups.addAll(o.keySet());
            List<String[]> rows = new ArrayList<>();
            for (String g : groups) {
                double[] sb = stats(b.getOrDefault(g, List.of()), nb);
                double[] so = stats(o.getOrDefault(g, List.of()), no);
                double diff = so[0] - sb[0];
                double se = Math.sqrt(sb[1] + so[1]);
                if (g.startsWith("(") || Math.abs(diff) >= SHOWN_NANOS) {
                    rows.add(new String[] {g, String.format(Locale.ROOT, "%.1f", sb[0]),
                            String.format(Locale.ROOT, "%.1f", so[0]), String.format(Locale.ROOT, "%+.1f", diff),
                            String.format(Locale.ROOT, "%.1f", se), Double.toString(-Math.abs(diff))});
                }
            }
            rows.sort((x, y) -> x[0].startsWith("(") != y[0].startsWith("(") ? (x[0].startsWith("(") ? 1 : -1)
                    : Double.compare(Double.parseDouble(x[5]), Double.parseDouble(y[5])));
            for (String[] r : rows) {
                System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " | " + r[3] + " | " + r[4] + " |");
            }
        }
    }

    private static void read(Path f, String config, Map<String, Map<String, Map<String, List<Double>>>> all,
            Map<String, Map<String, Integer>> jvms) throws IOException {
        Map<String, Boolean> counted = new TreeMap<>();
        for (String line : Files.readAllLines(f)) {
            String[] p = line.split(" ");
            if (p.length == 4 && p[0].equals("threads")) {
                all.computeIfAbsent(p[1], k -> new TreeMap<>()).computeIfAbsent(config, k -> new TreeMap<>())
                        .computeIfAbsent(p[2], k -> new ArrayList<>()).add(Double.parseDouble(p[3]));
                if (counted.put(p[1], true) == null) {
                    jvms.computeIfAbsent(p[1], k -> new TreeMap<>()).merge(config, 1, Integer::sum);
                }
            }
        }
    }

    /** The mean over {@code n} JVMs (a JVM without the group counts 0) and the variance of that mean. */
    private static double[] stats(List<Double> values, int n) {
        if (n == 0) {
            return new double[] {0, 0};
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        ss += (n - values.size()) * mean * mean;
        return new double[] {mean, n > 1 ? ss / (n - 1) / n : 0};
    }
}
