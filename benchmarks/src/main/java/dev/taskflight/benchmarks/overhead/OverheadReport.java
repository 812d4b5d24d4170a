package dev.taskflight.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JMH CSV results of {@code benchmarks/run.sh} ({@code <dir>/<jdk>/<config>.csv}) into the
 * Markdown table of BENCHMARKS.md: throughput per configuration and its loss against the baseline,
 * with the 99.9% confidence half-widths JMH reports, combined.
 */
public final class OverheadReport {

    /** The configurations, in table order, and the baseline each is compared with. */
    static final Map<String, String> CONFIGS = new LinkedHashMap<>();

    static {
        CONFIGS.put("baseline", null);
        CONFIGS.put("baseline-jfr", "baseline");
        CONFIGS.put("library-off", "baseline");
        CONFIGS.put("library-production", "baseline-jfr");
        CONFIGS.put("library-trace", "baseline-jfr");
        CONFIGS.put("agent-off", "baseline");
        CONFIGS.put("agent-production", "baseline-jfr");
        CONFIGS.put("agent-trace", "baseline-jfr");
    }

    private OverheadReport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "benchmarks/target/results");
        List<Path> jdks = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(Files::isDirectory).sorted().forEach(jdks::add);
        }
        for (Path jdk : jdks) {
            System.out.println("### JDK " + jdk.getFileName());
            System.out.println();
            System.out.println("| workload | configuration | tasks/s | ± (99.9%) | loss vs. | loss |");
            System.out.println("|---|---|---:|---:|---|---:|");
            Map<String, Map<String, double[]>> byConfig = new LinkedHashMap<>();
            for (String config : CONFIGS.keySet()) {
                Path csv = jdk.resolve(config + ".csv");
                if (Files.exists(csv)) {
                    byConfig.put(config, read(csv));
                }
            }
            for (String workload : List.of("forkJoinFine", "threadPoolRequests", "virtualThreadRequests", "tomcatRequests",
                    "jettyRequests", "jbossThreadsRequests", "nettyLoopTasks", "coroutineTasks", "mixed")) {
                for (var e : byConfig.entrySet()) {
                    double[] r = e.getValue().get(workload);
                    if (r == null) {
                        continue;
                    }
                    String base = CONFIGS.get(e.getKey());
                    double[] b = base == null || !byConfig.containsKey(base) ? null : byConfig.get(base).get(workload);
                    String loss = "";
                    if (b != null) {
                        double pct = 100.0 * (b[0] - r[0]) / b[0];
                        double err = 100.0 * Math.sqrt(Math.pow(r[1] / b[0], 2) + Math.pow(r[0] * b[1] / (b[0] * b[0]), 2));
                        loss = String.format(Locale.ROOT, "%+.1f%% ± %.1f%%", pct, err);
                    }
                    System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %s |%n", workload, e.getKey(),
                            r[0], r[1], base == null ? "" : base, loss);
                }
            }
            System.out.println();
        }
    }

    /** @return benchmark method → {score, error} */
    private static Map<String, double[]> read(Path csv) throws IOException {
        Map<String, double[]> result = new LinkedHashMap<>();
        for (String line : Files.readAllLines(csv)) {
            String[] c = line.split(",");
            if (c.length < 7 || c[0].startsWith("\"Benchmark")) {
                continue;
            }
            String name = c[0].replace("\"", "");
            name = name.substring(name.lastIndexOf('.') + 1);
            double score = Double.parseDouble(c[4].replace("\"", ""));
            String e = c[5].replace("\"", "");
            double error = e.isEmpty() || e.equals("NaN") ? 0 : Double.parseDouble(e);
            result.put(name, new double[] {score, error});
        }
        return result;
    }
}
