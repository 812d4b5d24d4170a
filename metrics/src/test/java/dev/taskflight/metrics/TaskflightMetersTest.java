package dev.taskflight.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.IntervalStreams;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.live.IntervalAnalyzer;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.IntervalReport;
import dev.taskflight.analysis.live.PoolSnapshot;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.PoolField;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binder in a plain {@link SimpleMeterRegistry}, fed with the engine's fixture recording (a
 * workload with known problems) cut into intervals by the same {@link IntervalAnalyzer} as
 * {@code jfr-analyze stream}: the meters equal the engine's numbers interval by interval, and their
 * totals equal the offline analysis.
 */
class TaskflightMetersTest {

    private static final double NANOS = 1e9;
    private static AnalysisReport offline;
    private static List<IntervalReport> intervals;

    @BeforeAll
    static void streamTheProblemRecordingInIntervals() throws Exception {
        Path file = Recordings.problems();
        offline = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        List<IntervalReport> reports = new ArrayList<>();
        IntervalStreams.stream(file, Duration.ofMillis(200), reports::add);
        intervals = reports;
        assertThat(intervals).hasSizeGreaterThan(1);
    }

    @Test
    void countersEqualTheOfflineTotalsOfEveryPool() {
        SimpleMeterRegistry registry = registryFedWith(MetricsOptions.DEFAULT);
        assertThat(offline.pools()).isNotEmpty();
        for (PoolReport pool : offline.pools()) {
            String name = pool.name();
            assertThat(counter(registry, MeterNames.TASK_COMPLETED, name)).as("polls of %s", name)
                    .isEqualTo(pool.totals().polls());
            assertThat(counter(registry, MeterNames.THREAD_PARKS, name)).isEqualTo(pool.totals().parks());
            assertThat(counter(registry, MeterNames.TASK_STEALS, name)).isEqualTo(pool.totals().steals());
            assertThat(longPolls(registry, name, "critical")).isEqualTo(pool.criticalLongPolls());
            assertThat(longPolls(registry, name, "warning") + longPolls(registry, name, "critical"))
                    .as("long polls of %s", name).isEqualTo(pool.longPolls());
            assertThat(counter(registry, MeterNames.DELAY_COUNT, name)).isEqualTo(sum(name, PoolSnapshot::delayCount));
            assertThat(counter(registry, MeterNames.BUSY_TIME, name))
                    .isCloseTo(sum(name, PoolSnapshot::busyNanos) / NANOS, within(1e-6))
                    .isCloseTo(pool.totals().busyNanos() / NANOS, within(1e-6));
            assertThat(counter(registry, MeterNames.IDLE_TIME, name))
                    .isCloseTo(sum(name, PoolSnapshot::idleNanos) / NANOS, within(1e-6))
                    .isCloseTo(pool.totals().idleNanos() / NANOS, within(1e-6));
        }
        // the fixture's problems are there to be counted: a critical long poll in the compute pool
        assertThat(longPolls(registry, ProblemWorkload.COMPUTE, "critical")).isPositive();
    }

    @Test
    void metersAppearWhenAPoolAppearsAndFollowTheIntervalsOneByOne() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TaskflightMeters meters = new TaskflightMeters(MetricsOptions.DEFAULT);
        meters.bindTo(registry);
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                .containsExactlyInAnyOrder(MeterNames.UNSEEN_THREADS, MeterNames.UNSEEN_CPU_SAMPLES);
        List<IntervalReport> seen = new ArrayList<>();
        for (IntervalReport interval : intervals) {
            for (PoolReport pool : offline.pools()) {
                boolean reported = seen.stream().anyMatch(r -> snapshot(r, pool.name()).isPresent());
                assertThat(registry.find(MeterNames.TASK_COMPLETED).tag(MeterNames.EXECUTOR_NAME, pool.name())
                        .functionCounter() != null).as("meters of %s", pool.name()).isEqualTo(reported);
            }
            meters.accept(interval);
            seen.add(interval);
            for (PoolSnapshot s : interval.pools()) {
                long polls = seen.stream().map(r -> snapshot(r, s.pool())).flatMap(Optional::stream)
                        .mapToLong(PoolSnapshot::polls).sum();
                assertThat(counter(registry, MeterNames.TASK_COMPLETED, s.pool())).isEqualTo(polls);
                assertLastIntervalGauges(registry, s);
            }
        }
    }

    @Test
    void theUnseenMetersFollowTheIntervalsAndAddUpToTheOfflineReport() throws Exception {
        Path file = Recordings.straddling();
        AnalysisReport report = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        List<IntervalReport> reports = new ArrayList<>();
        IntervalStreams.stream(file, Duration.ofMillis(200), reports::add);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TaskflightMeters meters = new TaskflightMeters(MetricsOptions.DEFAULT);
        meters.bindTo(registry);
        Gauge threads = registry.find(MeterNames.UNSEEN_THREADS).gauge();
        FunctionCounter samples = registry.find(MeterNames.UNSEEN_CPU_SAMPLES).functionCounter();
        assertThat(threads.value()).as("before any interval: not checked").isNaN();
        long sum = 0;
        for (IntervalReport r : reports) {
            meters.accept(r);
            sum += r.unseen().cpuSamples();
            assertGauge(threads.value(), r.unseen().checked() ? r.unseen().threads() : Double.NaN);
            assertThat(samples.count()).isEqualTo(sum);
        }
        assertThat(sum).as(() -> disagreement(file, reports, report)).isEqualTo(report.unseen().cpuSamples());
    }

    /**
     * What the intervals and the offline report said of unseen work, for a failure: CI once found them one CPU
     * sample apart (87 against 88) on a recording made live, which 43 runs under load did not reproduce. The
     * recording is kept in {@code target/} for the next look.
     */
    private static String disagreement(Path file, List<IntervalReport> reports, AnalysisReport offline) {
        StringBuilder b = new StringBuilder("the intervals' unseen CPU samples against the offline report's");
        try {
            Path kept = Path.of("target", "unseen-disagreement-" + System.nanoTime() + ".jfr");
            Files.createDirectories(kept.getParent());
            Files.copy(file, kept);
            b.append(" (recording kept as ").append(kept.toAbsolutePath()).append(')');
        } catch (IOException e) {
            b.append(" (recording not kept: ").append(e).append(')');
        }
        for (IntervalReport r : reports) {
            b.append("\n  interval ").append(r.start()).append(": ").append(r.unseen().cpuSamples()).append(" in ")
                    .append(r.unseen().threads()).append(" threads, dropped events ").append(r.droppedEvents())
                    .append(", ").append(r.unseen().top());
        }
        return b.append("\n  offline: ").append(offline.unseen().cpuSamples()).append(" in ")
                .append(offline.unseen().threads()).append(" threads, ").append(offline.unseen().top()).toString();
    }

    @Test
    void theHistogramsTakeEveryPollEventAndEachMeasuredDelayOnceAsTheEngineCountsThem() throws Exception {
        Path file = Recordings.problems();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TaskflightMeters meters = new TaskflightMeters(MetricsOptions.DEFAULT);
        meters.bindTo(registry);
        List<IntervalReport> reports = new ArrayList<>();
        IntervalAnalyzer live = new IntervalAnalyzer(IntervalOptions.DEFAULT.withInterval(Duration.ofMillis(200)),
                file.toString(), r -> {
                    reports.add(r);
                    meters.accept(r);
                });
        try (EventStream stream = EventStream.openFile(file)) {
            live.register(stream);
            meters.readEvents(stream);
            stream.start();
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        for (PoolReport pool : offline.pools()) {
            long pollEvents = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL)
                    && pool.name().equals(PoolField.read(e.getString("pool")))).count();
            Timer polls = registry.find(MeterNames.POLL_DURATION).tag(MeterNames.EXECUTOR_NAME, pool.name()).timer();
            assertThat(polls.count()).as("poll events of %s", pool.name()).isEqualTo(pollEvents);
            long delays = reports.stream().flatMap(r -> r.pools().stream()).filter(p -> p.pool().equals(pool.name()))
                    .mapToLong(PoolSnapshot::delayCount).sum();
            Timer delay = registry.find(MeterNames.DELAY).tag(MeterNames.EXECUTOR_NAME, pool.name()).timer();
            assertThat(delay.count()).as("delays of %s", pool.name()).isEqualTo(delays);
        }
        assertThat(registry.find(MeterNames.POLL_DURATION).tag(MeterNames.EXECUTOR_NAME, ProblemWorkload.COMPUTE)
                .timer().max(TimeUnit.NANOSECONDS)).isEqualTo(pool(ProblemWorkload.COMPUTE).totals().longestPollNanos());
    }

    @Test
    void aRegistryBoundLaterGetsThePoolsAlreadySeen() {
        TaskflightMeters meters = new TaskflightMeters(MetricsOptions.DEFAULT);
        intervals.forEach(meters::accept);
        SimpleMeterRegistry late = new SimpleMeterRegistry();
        meters.bindTo(late);
        PoolReport compute = pool(ProblemWorkload.COMPUTE);
        assertThat(counter(late, MeterNames.TASK_COMPLETED, compute.name())).isEqualTo(compute.totals().polls());
    }

    @Test
    void poolsOverTheCapAreAggregatedUnderOther() {
        assertThat(offline.pools()).hasSizeGreaterThan(1);
        SimpleMeterRegistry registry = registryFedWith(MetricsOptions.DEFAULT.withMaxPools(1));
        long published = registry.find(MeterNames.TASK_COMPLETED).functionCounters().stream()
                .map(c -> c.getId().getTag(MeterNames.EXECUTOR_NAME)).distinct().count();
        assertThat(published).isEqualTo(2);
        String first = intervals.stream().flatMap(r -> r.pools().stream()).findFirst().orElseThrow().pool();
        long total = offline.pools().stream().mapToLong(p -> p.totals().polls()).sum();
        assertThat(counter(registry, MeterNames.TASK_COMPLETED, first) + counter(registry, MeterNames.TASK_COMPLETED,
                MeterNames.OTHER_POOLS)).isEqualTo(total);
        assertThat(counter(registry, MeterNames.TASK_COMPLETED, first)).isEqualTo(pool(first).totals().polls());
    }

    @Test
    void aPoolWithoutANameIsPublishedAsUnknown() {
        PoolSnapshot named = lastSnapshot(ProblemWorkload.COMPUTE);
        PoolSnapshot unnamed = new PoolSnapshot("", "", named.workers(), named.polls(), false, named.busyRatio(),
                named.workerBusy(), 0, 0, 0, 0, "", 0, 0, 0, 0, -1, 0, List.of(), "");
        IntervalReport last = intervals.get(intervals.size() - 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TaskflightMeters meters = new TaskflightMeters(MetricsOptions.DEFAULT);
        meters.bindTo(registry);
        meters.accept(new IntervalReport(last.start(), last.end(), List.of(unnamed), List.of(), 0));
        assertThat(counter(registry, MeterNames.TASK_COMPLETED, MeterNames.UNKNOWN_POOL)).isEqualTo(named.polls());
    }

    @Test
    void workersArePublishedOnlyOnRequest() {
        assertThat(registryFedWith(MetricsOptions.DEFAULT).find(MeterNames.WORKER_BUSY_RATIO).gauges()).isEmpty();
        SimpleMeterRegistry registry = registryFedWith(MetricsOptions.DEFAULT.withPerWorker(true));
        PoolSnapshot last = lastSnapshot(ProblemWorkload.COMPUTE);
        for (PoolSnapshot.WorkerBusy w : last.workerBusy()) {
            Gauge g = registry.find(MeterNames.WORKER_BUSY_RATIO).tag(MeterNames.EXECUTOR_NAME, ProblemWorkload.COMPUTE)
                    .tag(MeterNames.WORKER, Integer.toString(w.worker())).gauge();
            assertThat(g).as("worker %s", w.worker()).isNotNull();
            assertGauge(g.value(), w.busyRatio() < 0 ? Double.NaN : w.busyRatio());
        }
    }

    @Test
    void everyMeterOfAPoolCarriesTheOpenTelemetryExecutorAttributes() {
        SimpleMeterRegistry registry = registryFedWith(MetricsOptions.DEFAULT);
        List<Meter> ofNoPool = registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("taskflight."))
                .toList();
        assertThat(ofNoPool).extracting(m -> m.getId().getName())
                .containsExactlyInAnyOrder(MeterNames.UNSEEN_THREADS, MeterNames.UNSEEN_CPU_SAMPLES);
        assertThat(ofNoPool).allSatisfy(m -> assertThat(m.getId().getDescription()).isNotBlank());
        assertThat(registry.getMeters()).filteredOn(m -> !ofNoPool.contains(m)).isNotEmpty().allSatisfy(m -> {
            assertThat(m.getId().getName()).startsWith("jvm.executor.");
            assertThat(m.getId().getTag(MeterNames.EXECUTOR_NAME)).isNotBlank();
            assertThat(m.getId().getTag(MeterNames.EXECUTOR_TYPE)).isNotNull();
            assertThat(m.getId().getDescription()).isNotBlank();
        });
        assertThat(registry.find(MeterNames.THREAD_COUNT).tag(MeterNames.EXECUTOR_NAME, ProblemWorkload.COMPUTE)
                .tag(MeterNames.EXECUTOR_TYPE, pool(ProblemWorkload.COMPUTE).kind()).gauges()).hasSize(2);
    }

    private static void assertLastIntervalGauges(SimpleMeterRegistry registry, PoolSnapshot s) {
        assertGauge(gauge(registry, MeterNames.BUSY_RATIO, s.pool()), s.busyRatio() < 0 ? Double.NaN : s.busyRatio());
        assertGauge(gauge(registry, MeterNames.QUEUE_SIZE, s.pool()), s.queueMax() < 0 ? Double.NaN : s.queueMax());
        assertGauge(gauge(registry, MeterNames.POLL_MAX, s.pool()), s.longestPollNanos() / NANOS);
        boolean delayed = s.delayCount() > 0;
        assertGauge(gauge(registry, MeterNames.DELAY_P50, s.pool()), delayed ? s.delayP50Nanos() / NANOS : Double.NaN);
        assertGauge(gauge(registry, MeterNames.DELAY_P99, s.pool()), delayed ? s.delayP99Nanos() / NANOS : Double.NaN);
        assertGauge(gauge(registry, MeterNames.DELAY_MAX, s.pool()), delayed ? s.delayMaxNanos() / NANOS : Double.NaN);
        double busy = s.workerBusy().stream().mapToDouble(PoolSnapshot.WorkerBusy::busyRatio).filter(r -> r >= 0).sum();
        Gauge busyThreads = registry.find(MeterNames.THREAD_COUNT).tag(MeterNames.EXECUTOR_NAME, s.pool())
                .tag(MeterNames.THREAD_STATE, "busy").gauge();
        Gauge idleThreads = registry.find(MeterNames.THREAD_COUNT).tag(MeterNames.EXECUTOR_NAME, s.pool())
                .tag(MeterNames.THREAD_STATE, "idle").gauge();
        assertThat(busyThreads.value()).isCloseTo(busy, within(1e-9));
        assertThat(busyThreads.value() + idleThreads.value()).isCloseTo(s.workers(), within(1e-9));
    }

    private static void assertGauge(double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected, within(1e-12));
        }
    }

    private static SimpleMeterRegistry registryFedWith(MetricsOptions options) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TaskflightMeters meters = new TaskflightMeters(options);
        meters.bindTo(registry);
        intervals.forEach(meters::accept);
        return registry;
    }

    private static double counter(SimpleMeterRegistry registry, String name, String pool) {
        FunctionCounter c = registry.find(name).tag(MeterNames.EXECUTOR_NAME, pool).functionCounter();
        assertThat(c).as("%s of %s", name, pool).isNotNull();
        return c.count();
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String pool) {
        Gauge g = registry.find(name).tag(MeterNames.EXECUTOR_NAME, pool).gauge();
        assertThat(g).as("%s of %s", name, pool).isNotNull();
        return g.value();
    }

    private static double longPolls(SimpleMeterRegistry registry, String pool, String severity) {
        Meter m = registry.find(MeterNames.LONG_POLLS).tag(MeterNames.EXECUTOR_NAME, pool)
                .tag(MeterNames.SEVERITY, severity).functionCounter();
        return ((FunctionCounter) m).count();
    }

    private static long sum(String pool, ToLongFunction<PoolSnapshot> f) {
        return intervals.stream().map(r -> snapshot(r, pool)).flatMap(Optional::stream).mapToLong(f).sum();
    }

    private static Optional<PoolSnapshot> snapshot(IntervalReport r, String pool) {
        return r.pools().stream().filter(p -> p.pool().equals(pool)).findFirst();
    }

    private static PoolSnapshot lastSnapshot(String pool) {
        return intervals.stream().map(r -> snapshot(r, pool)).flatMap(Optional::stream).reduce((a, b) -> b)
                .orElseThrow();
    }

    private static PoolReport pool(String name) {
        return offline.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
