package dev.taskflight.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.Evidence;
import dev.taskflight.analysis.fixtures.IntervalStreams;
import dev.taskflight.analysis.fixtures.OutsiderWorkload;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.fixtures.StraddlingWorkload;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.UnseenWork;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application code a live stream's intervals report as unseen, on a recording where four threads spin
 * through several intervals: two workers inside a long poll (one sampled, one known only from its poll
 * events), a worker never seen at work, a thread of no pool.
 * The JDK's sampler may miss a spin on a busy machine, so the counts are compared with the samples the
 * recording holds, never with a number of the test's own.
 */
class IntervalUnseenWorkTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final String FIXTURES = "dev.taskflight.analysis.fixtures.";
    private static final String NEVER_SEEN_NAME = StraddlingWorkload.NEVER_SEEN + " (a worker of "
            + StraddlingWorkload.POOL + " seen running no task)";
    private static Path file;
    private static AnalysisReport offline;
    private static List<IntervalReport> intervals;
    /**
     * Per thread, for each of the JDK's CPU samples with a frame of the fixtures' code in its stack (what
     * the engine counts as application code), the index of the interval the stream put it in: the one
     * open when it was delivered, which for a sample delivered late is not the one its time falls in.
     */
    private static final Map<String, List<Delivered>> applicationSamples = new HashMap<>();

    /** A CPU sample: when it was taken, and the index of the interval the stream put it in. */
    private record Delivered(Instant time, int interval) {
    }

    @BeforeAll
    static void streamTheRecordingInIntervals() throws Exception {
        file = Recordings.straddling();
        offline = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        intervals = new ArrayList<>();
        IntervalStreams.stream(file, INTERVAL, intervals::add, (stream, live) -> stream.onEvent("jdk.ExecutionSample", e -> {
            RecordedThread t = e.getThread("sampledThread");
            if (t != null && e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                    .anyMatch(f -> f.getMethod() != null && f.getMethod().getType().getName().startsWith(FIXTURES))) {
                applicationSamples.computeIfAbsent(t.getJavaName(), k -> new ArrayList<>())
                        .add(new Delivered(e.getStartTime(), (int) live.intervals()));
            }
        }));
    }

    @Test
    void aWorkerInsideAPollThatSpansIntervalsIsNeverReportedUnseen() {
        assertNeverUnseen(StraddlingWorkload.IN_POLL);
    }

    @Test
    void aWorkerKnownOnlyFromItsPollEventsIsNeverReportedUnseenInsideAPollThatSpansIntervals() {
        assertNeverUnseen(StraddlingWorkload.IN_POLL_UNSAMPLED);
    }

    /**
     * No interval reports a worker's samples inside its polls as unseen. A sample of the worker's own code
     * outside its polls (the fixture's poll code before its first poll begins) falls in an interval that
     * may not yet hold the worker's first poll event, which is what makes the thread known as a worker:
     * such an interval may name it, with those samples alone.
     */
    private static void assertNeverUnseen(String thread) {
        assertThat(intervals).hasSizeGreaterThan(2);
        List<Delivered> samples = applicationSamples.getOrDefault(thread, List.of());
        List<Instant[]> polls = pollsOf(thread);
        for (int i = 0; i < intervals.size(); i++) {
            int index = i;
            IntervalReport r = intervals.get(i);
            Optional<UnseenWork.UnseenThread> named = r.unseen().top().stream()
                    .filter(t -> t.thread().startsWith(thread)).findFirst();
            if (named.isPresent()) {
                List<Delivered> here = samples.stream().filter(d -> d.interval() == index).toList();
                assertThat(here).as("samples of %s in the interval from %s", thread, r.start())
                        .hasSize((int) named.get().cpuSamples())
                        .allSatisfy(d -> assertThat(polls).as("polls of %s", thread)
                                .noneMatch(p -> !d.time().isBefore(p[0]) && !d.time().isAfter(p[1])));
            }
        }
        assertThat(offline.unseen().top()).noneMatch(t -> t.thread().startsWith(thread));
    }

    /**
     * A stream whose last intervals hold only the JDK's CPU samples (a thread of no pool spinning on after the
     * pool's last event) reports them when it ends: the intervals' unseen samples add up to the offline count.
     */
    @Test
    void theLastIntervalsReportTheirUnseenWorkWhenTheStreamEndsAfterThePoolsLastEvent() throws Exception {
        Path outsider = Recordings.outsider();
        Duration interval = Duration.ofMillis(100);
        long lastTaskflightEvent = 0;
        try (RecordingFile recording = new RecordingFile(outsider)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getEventType().getName().startsWith("taskflight.")) {
                    lastTaskflightEvent = Math.max(lastTaskflightEvent, nanos(e.getEndTime()));
                }
            }
        }
        long afterItsInterval = Math.floorDiv(lastTaskflightEvent, interval.toNanos()) * interval.toNanos()
                + interval.toNanos();
        List<Instant> samples =
                Evidence.cpuSampleTimes(outsider, OutsiderWorkload.OUTSIDER, OutsiderWorkload.SPIN_METHOD);
        assumeTrue(samples.stream().anyMatch(t -> nanos(t) >= afterItsInterval),
                "the JDK sampled the outsider after the interval of the pool's last event");
        List<IntervalReport> reports = new ArrayList<>();
        IntervalStreams.stream(outsider, interval, reports::add);
        AnalysisReport whole = new FileAnalysis(outsider, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        assertThat(reports.stream().mapToLong(r -> r.unseen().cpuSamples()).sum())
                .isEqualTo(whole.unseen().cpuSamples()).isPositive();
        Instant lastSample = samples.stream().max(Instant::compareTo).orElseThrow();
        assertThat(reports.get(reports.size() - 1).end()).isAfterOrEqualTo(lastSample);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** The start and end of each {@code TaskPoll} on a thread. */
    private static List<Instant[]> pollsOf(String thread) {
        List<Instant[]> polls = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getEventType().getName().equals("taskflight.TaskPoll") && e.getThread() != null
                        && thread.equals(e.getThread().getJavaName())) {
                    polls.add(new Instant[] {e.getStartTime(), e.getEndTime()});
                }
            }
            return polls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aThreadOfNoPoolIsUnseenInEachIntervalItWasSampledInWithEverySample() {
        assertEverySampleIsUnseenInItsInterval(StraddlingWorkload.OUTSIDER, StraddlingWorkload.OUTSIDER);
    }

    @Test
    void aWorkerNeverSeenAtWorkIsUnseenInEachIntervalItWasSampledInWithEverySample() {
        assertEverySampleIsUnseenInItsInterval(StraddlingWorkload.NEVER_SEEN, NEVER_SEEN_NAME);
    }

    @Test
    void eachIntervalWritesItsUnseenWorkAsLines() {
        for (IntervalReport r : intervals) {
            List<String> lines = KeyValueFormat.lines(r).stream().filter(l -> l.startsWith("taskflight unseen")).toList();
            if (!r.unseen().any()) {
                assertThat(lines).isEmpty();
                continue;
            }
            assertThat(lines.get(0)).startsWith("taskflight unseen end=" + r.end() + " threads=" + r.unseen().threads()
                    + " cpuSamples=" + r.unseen().cpuSamples() + " ");
            assertThat(lines).hasSize(1 + r.unseen().top().size());
            for (UnseenWork.UnseenThread t : r.unseen().top()) {
                String thread = t.thread().contains(" ") ? "thread=\"" + t.thread() + "\"" : "thread=" + t.thread();
                assertThat(lines).anyMatch(l -> l.startsWith("taskflight unseen-thread ") && l.contains(" " + thread + " ")
                        && l.contains(" cpuSamples=" + t.cpuSamples() + " "));
            }
        }
    }

    /**
     * Every interval the stream put CPU samples of the thread's code in names the thread as unseen with
     * exactly those samples, and the intervals add up to the offline report's count of the thread.
     */
    private static void assertEverySampleIsUnseenInItsInterval(String thread, String reportedAs) {
        List<Delivered> samples = applicationSamples.getOrDefault(thread, List.of());
        long total = 0;
        for (int i = 0; i < intervals.size(); i++) {
            IntervalReport r = intervals.get(i);
            int index = i;
            long inInterval = samples.stream().filter(d -> d.interval() == index).count();
            Optional<UnseenWork.UnseenThread> named = r.unseen().top().stream()
                    .filter(t -> t.thread().equals(reportedAs)).findFirst();
            if (inInterval == 0) {
                assertThat(named).as("%s in the interval from %s", thread, r.start()).isEmpty();
            } else {
                assertThat(named).as("%s in the interval from %s", thread, r.start()).isPresent();
                assertThat(named.get().cpuSamples()).isEqualTo(inInterval);
                total += inInterval;
            }
        }
        assertThat(total).isEqualTo(samples.size());
        Optional<UnseenWork.UnseenThread> offlineThread = offline.unseen().top().stream()
                .filter(t -> t.thread().equals(reportedAs)).findFirst();
        assertThat(offlineThread.map(UnseenWork.UnseenThread::cpuSamples).orElse(0L)).isEqualTo(samples.size());
        if (!Evidence.cpuSampleTimes(file, thread, ProblemWorkload.SPIN_METHOD).isEmpty()) {
            assertThat(intervals).anySatisfy(r -> assertThat(r.unseen().top()).anyMatch(t -> t.thread().equals(reportedAs)
                    && t.site().contains(ProblemWorkload.SPIN_METHOD)));
        }
    }
}
