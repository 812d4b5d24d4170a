package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.agent.child.StreamWorkload;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.live.IntervalAnalyzer;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.PoolSnapshot;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import jdk.jfr.consumer.EventStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent option {@code metrics=prometheus}, scraped by a real Prometheus server: an unmodified
 * program (the class path holds only the workload) runs its pool under the agent, Prometheus scrapes
 * the agent's endpoint every 500 ms, and the test reads the pool's numbers through Prometheus's HTTP
 * API. They agree with the offline analysis of a {@code -XX:StartFlightRecording} file of the same run:
 * polls, long polls and measured delays exactly, busy time within 1% (up to the pool's shutdown at exit,
 * after the scrape), and every busy ratio and p99 scheduling delay
 * Prometheus stored equals, within 1e-6, that of one interval of the same file streamed through the
 * same engine ({@code jfr-analyze stream}) with the same interval. Delays are sampled for every
 * task the recorder can time ({@code -Dtaskflight.delaySampling=1}), so that a p99 is over hundreds.
 */
@EnabledIf("prometheusInstalled")
class MetricsPrometheusIT {

    private static final String POOL = StreamWorkload.POOL;
    private static final String SELECTOR = "{jvm_executor_name=\"" + POOL + "\"}";
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The two workers' busy time while they wake and end at the pool's shutdown, after the scrape. */
    private static final double EXIT_ALLOWANCE_SECONDS = 0.05;
    private static final Set<String> LABELS = Set.of("jvm_executor_name", "jvm_executor_type", "jvm_executor_thread_state");

    @TempDir
    static Path dir;
    static int exitCode;
    static String stderr;
    static String stdout;
    static double completed;
    static double criticalLongPolls;
    static double longPolls;
    static double busySeconds;
    static double delays;
    static double delayHistogramCount;
    static double pollHistogramCount;
    static List<Double> busyRatios;
    static List<Double> delayP99s;
    static List<String> scrapedNames;
    static PoolReport offline;
    static List<PoolSnapshot> offlineIntervals;

    static boolean prometheusInstalled() {
        return Files.isExecutable(PrometheusServer.BINARY);
    }

    @BeforeAll
    static void scrapeTheWorkloadWithPrometheus() throws Exception {
        Path jfr = dir.resolve("offline.jfr");
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        int port = PrometheusServer.freePort();
        Process child = ChildJvm.start(List.of("-Dtaskflight.delaySampling=1",
                "-javaagent:" + ChildJvm.agentJar() + "=metrics=prometheus,metrics.port=" + port
                        + ",metrics.interval=" + INTERVAL.toSeconds() + "s",
                "-XX:StartFlightRecording:filename=" + jfr + ",settings=default,settings="
                        + ChildJvm.settings("taskflight.jfc")),
                StreamWorkload.class, List.of("2"), out, err);
        try (PrometheusServer prometheus = PrometheusServer.start(dir, port)) {
            try {
                await().atMost(WAIT).until(() -> !child.isAlive()
                        || prometheus.query("jvm_executor_task_completed_total" + SELECTOR).contains((double) StreamWorkload.TASKS));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("Prometheus never saw the pool's tasks; the child's stderr:\n" + read(err)
                        + "\nPrometheus's log:\n" + prometheus.log(), e);
            }
            assertThat(child.isAlive()).as("the child runs; its stderr: %s", read(err)).isTrue();
            // The last tasks' workers are busy until they park: on a loaded machine that tail can be
            // published an interval after the task count. The workload is idle now; read its busy time
            // once it has stopped moving for three intervals, as the file will hold it.
            double[] busy = {Double.NaN};
            long[] since = {System.nanoTime()};
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                double now = single(prometheus.query("jvm_executor_busy_time_seconds_total" + SELECTOR));
                if (now != busy[0]) {
                    busy[0] = now;
                    since[0] = System.nanoTime();
                }
                return System.nanoTime() - since[0] >= 3 * INTERVAL.toNanos();
            });
            completed = single(prometheus.query("jvm_executor_task_completed_total" + SELECTOR));
            criticalLongPolls = single(prometheus.query(
                    "jvm_executor_task_long_polls_total{jvm_executor_name=\"" + POOL + "\",taskflight_severity=\"critical\"}"));
            longPolls = single(prometheus.query("sum(jvm_executor_task_long_polls_total" + SELECTOR + ")"));
            busySeconds = single(prometheus.query("jvm_executor_busy_time_seconds_total" + SELECTOR));
            delays = single(prometheus.query("jvm_executor_task_delay_count_total" + SELECTOR));
            delayHistogramCount = single(prometheus.query("jvm_executor_task_delay_seconds_count" + SELECTOR));
            pollHistogramCount = single(prometheus.query("jvm_executor_task_poll_duration_seconds_count" + SELECTOR));
            busyRatios = prometheus.query("jvm_executor_busy_ratio" + SELECTOR + "[10m]");
            delayP99s = prometheus.query("jvm_executor_task_delay_p99_seconds" + SELECTOR + "[10m]");
            scrapedNames = prometheus.metricNames();
            exitCode = ChildJvm.closeStdinAndAwaitExit(child);
        } finally {
            child.destroyForcibly();
        }
        stdout = read(out);
        stderr = read(err);
        offline = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run().pools().stream()
                .filter(p -> p.name().equals(POOL)).findFirst().orElseThrow();
        offlineIntervals = streamInIntervals(jfr);
    }

    @Test
    void theApplicationRunsAndExitsNormallyWithTheExporter() {
        assertThat(exitCode).as(stderr).isZero();
        assertThat(stdout).contains(StreamWorkload.DONE);
        assertThat(stderr).doesNotContain("Taskflight agent", "Exception");
    }

    @Test
    void pollsAndLongPollsEqualTheOfflineAnalysis() {
        assertThat(completed).isEqualTo(StreamWorkload.TASKS).isEqualTo(offline.totals().polls());
        assertThat(criticalLongPolls).isEqualTo(offline.criticalLongPolls()).isGreaterThanOrEqualTo(1);
        assertThat(longPolls).isEqualTo(offline.longPolls());
        // production mode: the recorder writes a poll event for long polls only, and the histogram takes each
        assertThat(pollHistogramCount).isEqualTo(offline.pollEvents()).isGreaterThanOrEqualTo(1);
    }

    /**
     * The scrape is read with the workload idle; the file goes on to the JVM's exit, where the workload
     * shuts its pool down and each worker is busy from its wake-up to its end: busy time the scrape
     * cannot see, microseconds on a quiet machine, milliseconds on a loaded one (4 ms of 335 in one CI
     * run). So the scrape may fall short of the file by that exit, never exceed it by more than 1%.
     */
    @Test
    void busyTimeEqualsTheOfflineAnalysisUpToThePoolsShutdownAfterTheScrape() {
        double offlineSeconds = offline.totals().busyNanos() / 1e9;
        assertThat(offlineSeconds).isPositive();
        assertThat(busySeconds).isLessThanOrEqualTo(offlineSeconds * 1.01)
                .isGreaterThanOrEqualTo(offlineSeconds * 0.99 - EXIT_ALLOWANCE_SECONDS);
    }

    @Test
    void everyBusyRatioPrometheusStoredIsThatOfAnIntervalOfTheSameRecording() {
        assertEachIsAnOfflineInterval(busyRatios, PoolSnapshot::busyRatio);
        assertThat(busyRatios).anyMatch(r -> r > 0);
    }

    @Test
    void everyP99SchedulingDelayPrometheusStoredIsThatOfAnIntervalOfTheSameRecording() {
        assertEachIsAnOfflineInterval(delayP99s, s -> s.delayCount() > 0 ? s.delayP99Nanos() / 1e9 : Double.NaN);
        assertThat(delayP99s).anyMatch(d -> d > 0);
        assertThat(delays).as("delays measured").isEqualTo(offline.delay().count()).isPositive();
        assertThat(delayHistogramCount).as("delays in the histogram").isEqualTo(offline.delay().count());
    }

    @Test
    void theGrafanaDashboardReferencesOnlyMetricsThisScrapeSaw() throws IOException {
        String dashboard = Files.readString(Path.of(System.getProperty("taskflight.metrics.dashboard",
                "../metrics/grafana/taskflight-pools.json")));
        List<String> referenced = Pattern.compile("(jvm_executor|taskflight_unseen)_[a-z0-9_]+").matcher(dashboard).results()
                .map(MatchResult::group).filter(n -> !LABELS.contains(n))
                .distinct().toList();
        assertThat(referenced).contains("jvm_executor_busy_ratio", "jvm_executor_queue_size",
                "jvm_executor_task_long_polls_total", "jvm_executor_task_delay_p99_seconds", "taskflight_unseen_threads");
        assertThat(scrapedNames).containsAll(referenced);
    }

    private static void assertEachIsAnOfflineInterval(List<Double> scraped, ToDoubleFunction<PoolSnapshot> value) {
        List<Double> known = offlineIntervals.stream().mapToDouble(value).filter(v -> !Double.isNaN(v) && v >= 0)
                .boxed().toList();
        List<Double> seen = scraped.stream().filter(v -> !Double.isNaN(v)).toList();
        assertThat(seen).as("values Prometheus stored").isNotEmpty();
        for (double v : seen) {
            assertThat(known).as("offline intervals' values, for %s", v).anyMatch(k -> Math.abs(k - v) <= 1e-6);
        }
    }

    private static List<PoolSnapshot> streamInIntervals(Path jfr) throws IOException {
        List<PoolSnapshot> snapshots = new ArrayList<>();
        IntervalAnalyzer live = new IntervalAnalyzer(IntervalOptions.DEFAULT.withInterval(INTERVAL), jfr.toString(),
                r -> r.pools().stream().filter(p -> p.pool().equals(POOL)).forEach(snapshots::add));
        try (EventStream stream = EventStream.openFile(jfr)) {
            live.register(stream);
            stream.start();
        }
        return snapshots;
    }

    private static double single(List<Double> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
