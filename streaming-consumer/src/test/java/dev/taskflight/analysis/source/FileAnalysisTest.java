package dev.taskflight.analysis.source;

import static dev.taskflight.analysis.fixtures.ProblemWorkload.COMPUTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.Analyzer;
import dev.taskflight.analysis.explain.Explainer;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.fixtures.CleanWorkload;
import dev.taskflight.analysis.fixtures.Damage;
import dev.taskflight.analysis.fixtures.Evidence;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.RecordingInfo;
import dev.taskflight.analysis.report.ThreadGroupReport;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.events.EventNames;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FileAnalysisTest {

    static AnalysisReport problems;

    @BeforeAll
    static void analyzeProblems() throws Exception {
        problems = analyze(Recordings.problems());
    }

    static AnalysisReport analyze(Path file) throws RecordingException {
        return new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
    }

    @Test
    void theProblemWorkloadGetsOneFindingPerKnownProblem() {
        // the idle park lasts 40 ms, or longer on a loaded machine: warning below 50 ms, critical from it
        Finding idle = problems.findings().stream().filter(f -> f.type().equals("idle-worker")).findFirst()
                .orElseThrow();
        long longest = ((Number) idle.facts().get("longestNanos")).longValue();
        Severity idleSeverity = longest >= 50_000_000L ? Severity.CRITICAL : Severity.WARNING;
        assertThat(problems.findings()).extracting(Finding::type, Finding::severity, Finding::pool, Finding::worker)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("long-poll", Severity.CRITICAL, COMPUTE, -1),
                        org.assertj.core.groups.Tuple.tuple("idle-worker", idleSeverity, COMPUTE,
                                ProblemWorkload.IDLE_WORKER),
                        org.assertj.core.groups.Tuple.tuple("scheduling-delay", Severity.WARNING, COMPUTE, -1),
                        org.assertj.core.groups.Tuple.tuple("queue-backlog", Severity.CRITICAL,
                                ProblemWorkload.INGEST, -1),
                        org.assertj.core.groups.Tuple.tuple("imbalance", Severity.CRITICAL, COMPUTE, -1));
        assertThat(problems.warnings()).isEmpty();
        assertThat(problems.recording().chunks()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSpinningPollNamesTheSpinningMethodAmongItsTopFrames() {
        LongPoll spin = poll(ProblemWorkload.SPIN_WORKER);
        assertThat(spin.taskClass()).endsWith("SpinTask");
        assertThat(spin.durationNanos()).isGreaterThanOrEqualTo(ProblemWorkload.SPIN_MILLIS * 1_000_000);
        assertThat(spin.severity()).isEqualTo(Severity.CRITICAL);
        if (Evidence.spinSampled(Recordings.problems())) {
            assertThat(spin.explanation().mainCause().kind()).isEqualTo(CauseKind.CPU);
            assertThat(spin.explanation().topFrames()).anyMatch(f -> f.frame().endsWith(ProblemWorkload.SPIN_METHOD));
            assertThat(spin.explanation().describe()).contains("on CPU");
        } else { // the JDK's sampler took no sample (a busy machine): no cause may be made up
            assertThat(spin.explanation().causes()).extracting(Cause::kind).doesNotContain(CauseKind.MONITOR_ENTER,
                    CauseKind.MONITOR_WAIT, CauseKind.PARK, CauseKind.SLEEP);
        }
    }

    @Test
    void aPollBlockedOnAContendedMonitorNamesTheMonitorClass() {
        LongPoll locked = poll(ProblemWorkload.LOCK_WORKER);
        Cause cause = locked.explanation().mainCause();
        assertThat(cause.kind()).isEqualTo(CauseKind.MONITOR_ENTER);
        assertThat(cause.subject()).isEqualTo(ProblemWorkload.ContendedGuard.class.getName());
        assertThat(cause.share()).isGreaterThan(0.5);
        assertThat(locked.explanation().describe()).contains("blocked on monitor", "ContendedGuard");
    }

    @Test
    void aPollInThreadSleepSaysSo() {
        LongPoll sleepy = poll(ProblemWorkload.SLEEP_WORKER);
        assertThat(sleepy.explanation().mainCause().kind()).isEqualTo(CauseKind.SLEEP);
        assertThat(sleepy.explanation().mainCause().share()).isGreaterThan(0.5);
        assertThat(sleepy.explanation().describe()).contains("sleeping in Thread.sleep");
    }

    @Test
    void anIdleWorkerIsReportedWithTheWorkQueuedAndForHowLong() {
        assertThat(problems.idleEpisodes()).hasSize(1);
        IdleEpisode idle = problems.idleEpisodes().get(0);
        assertThat(idle.pool()).isEqualTo(COMPUTE);
        assertThat(idle.worker()).isEqualTo(ProblemWorkload.IDLE_WORKER);
        assertThat(idle.thread()).isEqualTo(COMPUTE + "-worker-3");
        assertThat(idle.queuedTasks()).isEqualTo(ProblemWorkload.IDLE_QUEUED);
        assertThat(idle.durationNanos()).isGreaterThanOrEqualTo(ProblemWorkload.IDLE_MILLIS * 1_000_000);
        assertThat(idle.maxQueuedDuring()).isEqualTo(ProblemWorkload.IDLE_QUEUED);
        assertThat(idle.queuedForNanos()).isPositive().isLessThanOrEqualTo(idle.durationNanos());
    }

    @Test
    void workerTotalsComeFromTheCountersNotFromCountingPolls() {
        PoolReport compute = pool(problems, COMPUTE);
        assertThat(compute.kind()).isEqualTo("ForkJoinPool");
        assertThat(compute.instrumentation()).isEqualTo("agent");
        assertThat(compute.workers()).extracting(WorkerReport::worker, WorkerReport::polls, WorkerReport::fromCounters)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 5000L, true),
                        org.assertj.core.groups.Tuple.tuple(1, 4000L, true),
                        org.assertj.core.groups.Tuple.tuple(2, 300L, true),
                        org.assertj.core.groups.Tuple.tuple(3, 100L, true));
        assertThat(compute.workers().get(0).busyRatio()).isEqualTo(0.95);
        assertThat(compute.workers().get(0).thread()).isEqualTo(COMPUTE + "-worker-0");
        assertThat(compute.totals().polls()).isEqualTo(9400);
        assertThat(compute.pollEvents()).isEqualTo(3 + 4 * 50);
        assertThat(compute.longPolls()).isEqualTo(3);
    }

    @Test
    void schedulingDelayPercentilesComeFromTheMeasuredPollsOnly() {
        PoolReport compute = pool(problems, COMPUTE);
        assertThat(compute.delay().count()).isEqualTo(200);
        assertThat(compute.delay().p99()).isBetween(7_900_000L, 8_100_000L);
    }

    @Test
    void theBacklogIsReportedWithItsDepth() {
        PoolReport ingest = pool(problems, ProblemWorkload.INGEST);
        assertThat(ingest.queue().maxQueued()).isEqualTo(ProblemWorkload.BACKLOG);
        assertThat(ingest.queue().samplesOverWarning()).isPositive();
        assertThat(ingest.queue().firstOverWarning()).isNotNull();
    }

    @Test
    void aCleanWorkloadHasNoFindings() throws Exception {
        AnalysisReport clean = analyze(Recordings.clean());
        assertThat(clean.findings()).isEmpty();
        assertThat(clean.longPolls()).isEmpty();
        assertThat(clean.idleEpisodes()).isEmpty();
        PoolReport pool = pool(clean, CleanWorkload.POOL);
        assertThat(pool.totals().polls()).isEqualTo(400);
        assertThat(pool.delay().p99()).isBetween(49_000L, 51_000L);
        assertThat(clean.notes()).isEmpty();
    }

    @Test
    void aRecordingWithoutTaskflightEventsStillGetsWhatTheJdkEventsAllow() throws Exception {
        AnalysisReport jdk = analyze(Recordings.jdkOnly());
        assertThat(jdk.recording().taskflightEvents()).isZero();
        assertThat(jdk.pools()).isEmpty();
        assertThat(jdk.findings()).isEmpty();
        assertThat(jdk.notes()).anyMatch(n -> n.contains("no Taskflight events") && n.contains("java agent"));
        List<ThreadGroupReport> forkJoin = jdk.threadGroups().stream()
                .filter(g -> g.group().startsWith("ForkJoinPool-")).collect(Collectors.toList());
        assertThat(forkJoin).hasSize(1);
        ThreadGroupReport group = forkJoin.get(0);
        assertThat(group.taskflightPool()).isFalse();
        assertThat(group.threads()).isBetween(1, 2);
        assertThat(group.parks()).isPositive();
        assertThat(group.parkedOn()).anyMatch(c -> c.frame().contains("ForkJoinPool"));
        assertThat(group.cpuSamples()).isPositive();
        assertThat(group.topFrames()).anyMatch(f -> f.frame().endsWith(ProblemWorkload.SPIN_METHOD));
    }

    @Test
    void aTruncatedRecordingIsAnalyzedUpToTheDamageWithAWarning() throws Exception {
        Path cut = Damage.cutInLastChunk(Recordings.problems(), Recordings.newDirectory());
        AnalysisReport report = analyze(cut);
        assertThat(report.recording().truncated()).isTrue();
        assertThat(report.recording().chunks()).isEqualTo(problems.recording().chunks() - 1);
        assertThat(report.warnings()).isNotEmpty();
        assertThat(report.warnings().get(0)).contains("is damaged", "truncated", "Analyzed up to the damage");
        assertThat(report.longPolls()).hasSize(3);
        assertThat(report.findings()).anyMatch(f -> f.type().equals("long-poll"));
    }

    @Test
    void readingTimeSlicesOnSeveralThreadsAndMergingGivesTheSameReport() throws Exception {
        for (int threads = 2; threads <= 3; threads++) {
            AnalysisReport sliced = new FileAnalysis(Recordings.problems(), AnalysisOptions.DEFAULT,
                    ProgressListener.NONE, threads, 0).run();
            assertThat(sliced.findings()).isEqualTo(problems.findings());
            assertThat(sliced.pools()).isEqualTo(problems.pools());
            assertThat(sliced.longPolls()).isEqualTo(problems.longPolls());
            assertThat(sliced.idleEpisodes()).isEqualTo(problems.idleEpisodes());
        }
    }

    @Test
    void aSliceReadsItsEventsInTheNextChunkWhenTheClocksDrift() throws Exception {
        Path late = Recordings.clockAhead();
        RecordingLayout layout = RecordingInspector.inspect(late);
        long cut = layout.chunks().get(layout.chunks().size() - 1).startNanos() - 1;
        long samples = queueSamples(late, null, null);
        // A stream that ends at the cut stops before the last chunk, and one that starts after the cut
        // drops what ends before it: between them, the samples written late are read by neither.
        assertThat(queueSamples(late, null, cut) + queueSamples(late, cut + 1, null)).isLessThanOrEqualTo(samples - 5);

        AnalysisReport sliced = report(late, new SlicedPass(late, AnalysisOptions.DEFAULT, layout, new long[] {cut},
                ProgressListener.NONE).run());
        Analyzer whole = new Analyzer(AnalysisOptions.DEFAULT);
        readAll(late, whole::accept);
        AnalysisReport one = report(late, whole);

        assertThat(sliced.pools()).isEqualTo(one.pools());
        assertThat(sliced.findings()).isEqualTo(one.findings()).isNotEmpty();
        assertThat(sliced.pools().stream().mapToLong(p -> p.queue().samples()).sum()).isEqualTo(samples);
    }

    private static AnalysisReport report(Path file, Analyzer analyzer) throws Exception {
        Explainer explainer = analyzer.newExplainer();
        readAll(file, explainer::accept);
        return analyzer.report(new RecordingInfo(file.toString(), -1, 0, null, null, false, 0), explainer, List.of());
    }

    private static void readAll(Path file, Consumer<RecordedEvent> to) throws Exception {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                to.accept(recording.readEvent());
            }
        }
    }

    /** Counts the queue samples a stream reads that starts after {@code after} and ends at {@code until}. */
    private static long queueSamples(Path file, Long after, Long until) throws Exception {
        long[] n = new long[1];
        try (EventStream stream = EventStream.openFile(file)) {
            if (after != null) {
                stream.setStartTime(Fields.instant(after + 1));
            }
            if (until != null) {
                stream.setEndTime(Fields.instant(until));
            }
            stream.onEvent(EventNames.QUEUE_SAMPLE, e -> n[0]++);
            stream.start();
        }
        return n[0];
    }

    @Test
    void sliceBoundariesCutTheRecordingIntoPartsOfAboutEqualSize() throws Exception {
        RecordingLayout layout = RecordingInspector.inspect(Recordings.problems());
        long[] cuts = SlicedPass.boundaries(layout, 2);
        assertThat(cuts).hasSize(1);
        assertThat(cuts[0]).isBetween(Fields.epochNanos(layout.start()), Fields.epochNanos(layout.end()));
    }

    @Test
    void theEngineTakesEventsOneAtATimeFromAnySource() throws Exception {
        Analyzer analyzer = new Analyzer(AnalysisOptions.DEFAULT);
        try (RecordingFile file = new RecordingFile(Recordings.problems())) {
            while (file.hasMoreEvents()) {
                analyzer.accept(file.readEvent());
            }
        }
        Explainer explainer = analyzer.newExplainer();
        try (RecordingFile file = new RecordingFile(Recordings.problems())) {
            while (file.hasMoreEvents()) {
                explainer.accept(file.readEvent());
            }
        }
        AnalysisReport report = analyzer.report(new RecordingInfo("events", -1, 0, null, null, false, 0), explainer,
                List.of());
        assertThat(report.findings()).extracting(Finding::message)
                .containsExactlyElementsOf(problems.findings().stream().map(Finding::message)
                        .collect(Collectors.toList()));
    }

    private static LongPoll poll(int worker) {
        return problems.longPolls().stream().filter(p -> p.worker() == worker).findFirst().orElseThrow();
    }

    private static PoolReport pool(AnalysisReport report, String name) {
        return report.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
