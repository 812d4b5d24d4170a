package dev.taskflight.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.fixtures.Emit;
import dev.taskflight.analysis.fixtures.Evidence;
import dev.taskflight.analysis.fixtures.IntervalStreams;
import dev.taskflight.analysis.fixtures.LateSampleWorkload;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IntervalAnalyzerTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static AnalysisReport offline;
    private static List<IntervalReport> intervals;

    @BeforeAll
    static void streamTheProblemRecordingInIntervals() throws Exception {
        Path file = Recordings.problems();
        offline = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        intervals = stream(file);
    }

    private static List<IntervalReport> stream(Path file) throws Exception {
        List<IntervalReport> reports = new ArrayList<>();
        IntervalAnalyzer live = IntervalStreams.stream(file, INTERVAL, reports::add);
        assertThat(live.intervals()).isEqualTo(reports.size());
        return reports;
    }

    @Test
    void cutsTheRecordingIntoSeveralAlignedIntervalsInTimeOrder() {
        assertThat(intervals).hasSizeGreaterThan(1);
        for (int i = 0; i < intervals.size(); i++) {
            IntervalReport r = intervals.get(i);
            assertThat(r.start()).isBefore(r.end());
            if (i > 0) {
                assertThat(r.start()).isAfterOrEqualTo(intervals.get(i - 1).end());
            }
            if (i < intervals.size() - 1) {
                assertThat(r.end().toEpochMilli() % INTERVAL.toMillis()).isZero();
            }
        }
    }

    @Test
    void intervalPollsAndStealsAddUpToTheOfflineTotals() {
        for (PoolReport pool : offline.pools()) {
            long polls = sum(pool.name(), PoolSnapshot::polls);
            long steals = sum(pool.name(), PoolSnapshot::steals);
            long parks = sum(pool.name(), PoolSnapshot::parks);
            long longPolls = sum(pool.name(), PoolSnapshot::longPolls);
            assertThat(polls).as("polls of %s", pool.name()).isEqualTo(pool.totals().polls());
            assertThat(steals).as("steals of %s", pool.name()).isEqualTo(pool.totals().steals());
            assertThat(parks).as("parks of %s", pool.name()).isEqualTo(pool.totals().parks());
            assertThat(longPolls).as("long polls of %s", pool.name()).isEqualTo(pool.longPolls());
        }
    }

    @Test
    void everyIntervalShowsAtLeastAsManyPollsAsLongPollsAndNeverAnUnknownAsMinusOne() {
        for (IntervalReport r : intervals) {
            for (PoolSnapshot p : r.pools()) {
                assertThat(p.polls()).as("polls of %s in %s", p.pool(), r.start()).isGreaterThanOrEqualTo(p.longPolls());
                assertThat(KeyValueFormat.pool(r, p)).doesNotContain("=-1 ", "=-1,", ",-1 ");
            }
        }
        // the compute pool's counters come only at its end: its earlier intervals say what they saw is a lower bound
        assertThat(snapshots(ProblemWorkload.COMPUTE)).anyMatch(p -> p.longPolls() > 0 && p.pollsLowerBound());
    }

    @Test
    void theLongestPollAndItsCauseMatchTheOfflineAnalysis() {
        IntervalReport worstInterval = intervals.stream().filter(r -> !snapshots(r).isEmpty())
                .max(Comparator.comparingLong(r -> snapshots(r).get(0).longestPollNanos())).orElseThrow();
        PoolSnapshot worst = snapshots(worstInterval).get(0);
        PoolReport pool = offline.pools().stream().filter(p -> p.name().equals(ProblemWorkload.COMPUTE)).findFirst()
                .orElseThrow();
        assertThat(worst.longestPollNanos()).isEqualTo(pool.totals().longestPollNanos());
        // An interval explains a poll with the JDK's events of that interval: the spin is named only when
        // the JDK's sampler caught it then (a busy machine may starve the sampler, or stretch the spin
        // over several intervals). Without a sample, on a machine the JDK read as saturated, the poll is
        // "on a saturated CPU".
        LongPoll spin = offline.longPolls().get(0);
        Instant spinEnd = spin.start().plusNanos(spin.durationNanos());
        boolean sampledInInterval = Evidence.spinSampleTimes(Recordings.problems()).stream()
                .anyMatch(t -> !t.isBefore(worstInterval.start()) && !t.isAfter(spinEnd));
        List<String> causes = new ArrayList<>(List.of(sampledInInterval ? "cpu" : ""));
        if (!sampledInInterval && Evidence.machineSaturated(Recordings.problems())) {
            causes.add(CauseKind.CPU_SATURATED.id());
        }
        assertThat(worst.topCause()).isIn(causes);
        assertThat(worst.findings()).anyMatch(f -> f.type().equals(LongPollFinding.TYPE));
    }

    @Test
    void theIdleWorkerIsReportedInTheIntervalOfItsPark() {
        assertThat(snapshots(ProblemWorkload.COMPUTE)).anyMatch(s -> s.idleWorkers() > 0 && s.findings().stream()
                .anyMatch(f -> f.type().equals(IdleWorkerFinding.TYPE) && f.worker() == ProblemWorkload.IDLE_WORKER));
    }

    @Test
    void everyIntervalHasALineForEachPoolAndALineForEachLongPollFinding() {
        for (IntervalReport r : intervals) {
            List<String> lines = KeyValueFormat.lines(r);
            assertThat(lines.stream().filter(l -> l.startsWith("taskflight interval "))).hasSize(r.pools().size());
            assertThat(lines.stream().filter(l -> l.startsWith("taskflight finding ") && l.contains(" type=long-poll ")))
                    .hasSize((int) r.findings().stream().filter(f -> f.type().equals(LongPollFinding.TYPE)).count());
        }
    }

    @Test
    void pollsReportedFromEventsBeforeAWorkersFirstSampleAreNotCountedAgainByItsCounters() throws Exception {
        Path file = Recordings.lateSample();
        PoolReport offlinePool = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run().pools()
                .stream().filter(p -> p.name().equals(LateSampleWorkload.POOL)).findFirst().orElseThrow();
        assertThat(offlinePool.totals().polls()).isEqualTo(LateSampleWorkload.POLLS);

        List<PoolSnapshot> pool = new ArrayList<>();
        Map<Instant, Long> pollsByStart = new TreeMap<>();
        for (IntervalReport r : stream(file)) {
            r.pools().stream().filter(p -> p.pool().equals(LateSampleWorkload.POOL)).forEach(p -> {
                pool.add(p);
                pollsByStart.merge(r.start(), p.polls(), Long::sum);
            });
        }
        // The early polls are reported, from their events, in an interval before the one of the first sample.
        // A busy machine may split them over two intervals (an interval's edge can fall between two of them),
        // but not over three: the pause after them is longer than two intervals, so the late polls and the
        // sample fall two intervals or more after the first early poll's.
        Instant first = pollsByStart.entrySet().stream().filter(e -> e.getValue() > 0).findFirst().orElseThrow()
                .getKey();
        assertThat(LateSampleWorkload.PAUSE_MILLIS).isGreaterThan(2 * INTERVAL.toMillis());
        Instant lateFrom = first.plus(INTERVAL.multipliedBy(2));
        long early = pollsByStart.entrySet().stream().filter(e -> e.getKey().isBefore(lateFrom))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(early).isEqualTo(LateSampleWorkload.EARLY_POLLS);
        assertThat(pool.stream().mapToLong(PoolSnapshot::polls).sum()).isEqualTo(LateSampleWorkload.POLLS);
        assertThat(pool.stream().mapToLong(PoolSnapshot::parks).sum()).isEqualTo(offlinePool.totals().parks());
    }

    @Test
    void aPoolKeepsTheKindItsQueueSamplesStatedInIntervalsWithoutOne() throws Exception {
        // A stream that begins after the chunk's PoolInfo events (jfr-analyze stream --pid) learns a pool's
        // kind from its QueueSamples; intervals without one must not forget it.
        List<RecordedEvent> events = RecordingFile.readAllEvents(Recordings.problems()).stream()
                .filter(e -> !e.getEventType().getName().equals(EventNames.POOL_INFO))
                .sorted(Comparator.comparing(RecordedEvent::getEndTime)).toList();
        Map<String, String> sampledKind = new HashMap<>();
        events.stream().filter(e -> e.getEventType().getName().equals(EventNames.QUEUE_SAMPLE))
                .forEach(e -> sampledKind.putIfAbsent(e.getString("pool"), e.getString("kind")));
        assertThat(sampledKind).as("pools with queue samples").isNotEmpty();
        List<IntervalReport> reports = new ArrayList<>();
        IntervalAnalyzer live = new IntervalAnalyzer(IntervalOptions.DEFAULT.withInterval(INTERVAL), "test",
                reports::add);
        events.stream().filter(e -> live.eventNames().contains(e.getEventType().getName())).forEach(live::accept);
        live.finish();

        Set<String> kindSeen = new HashSet<>();
        int withoutSample = 0;
        for (IntervalReport r : reports) {
            for (PoolSnapshot p : r.pools()) {
                if (kindSeen.contains(p.pool())) {
                    assertThat(p.kind()).as("%s in the interval from %s", p.pool(), r.start())
                            .isEqualTo(sampledKind.get(p.pool()));
                    withoutSample += queueSampled(events, p.pool(), r) ? 0 : 1;
                }
                if (!p.kind().isEmpty()) {
                    kindSeen.add(p.pool());
                }
            }
        }
        assertThat(kindSeen).as("pools named from their queue samples").isEqualTo(sampledKind.keySet());
        assertThat(withoutSample).as("intervals of a known pool without a queue sample of it").isPositive();
    }

    @Test
    void aWorkerSampleDeliveredAfterANewerOneIsNotCountedAgain() throws Exception {
        // A remote stream orders events within each part it reads: a WorkerSample can come after a newer
        // one of the same worker. The next interval must not start from it, or its polls count twice.
        String pool = "late-delivery";
        Path file = Recordings.recordTrace("late-delivery.jfr", () -> {
            for (int i = 0; i <= 3; i++) { // 0, 100, 200 and 300 polls, more than an interval apart
                Emit.workerSample(pool, 0, Thread.currentThread(), 100L * i, 0, 0, 0, 0);
                LockSupport.parkNanos(INTERVAL.plusMillis(50).toNanos());
            }
        });
        List<RecordedEvent> inOrder = RecordingFile.readAllEvents(file).stream()
                .sorted(Comparator.comparing(RecordedEvent::getEndTime)).toList();
        List<RecordedEvent> samples = inOrder.stream().filter(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE)
                && e.getString("pool").equals(pool)).toList();
        assertThat(samples).hasSize(4);
        List<RecordedEvent> reordered = new ArrayList<>(inOrder);
        reordered.remove(samples.get(1));
        reordered.add(reordered.indexOf(samples.get(2)) + 1, samples.get(1)); // 100 polls, after 200

        long offlinePolls = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run().pools().stream()
                .filter(p -> p.name().equals(pool)).findFirst().orElseThrow().totals().polls();
        assertThat(offlinePolls).isEqualTo(300);
        assertThat(livePolls(inOrder, pool)).as("polls summed over the intervals, in order").isEqualTo(offlinePolls);
        assertThat(livePolls(reordered, pool)).as("polls summed over the intervals, one sample late").isEqualTo(offlinePolls);
    }

    /** A pool's polls summed over the intervals of the events, fed in the given order. */
    private static long livePolls(List<RecordedEvent> events, String pool) {
        List<IntervalReport> reports = new ArrayList<>();
        IntervalAnalyzer live = new IntervalAnalyzer(IntervalOptions.DEFAULT.withInterval(INTERVAL), "test", reports::add);
        events.stream().filter(e -> live.eventNames().contains(e.getEventType().getName())).forEach(live::accept);
        live.finish();
        return reports.stream().flatMap(r -> r.pools().stream()).filter(p -> p.pool().equals(pool))
                .mapToLong(PoolSnapshot::polls).sum();
    }

    private static boolean queueSampled(List<RecordedEvent> events, String pool, IntervalReport r) {
        return events.stream().anyMatch(e -> e.getEventType().getName().equals(EventNames.QUEUE_SAMPLE)
                && e.getString("pool").equals(pool) && !e.getEndTime().isBefore(r.start())
                && e.getEndTime().isBefore(r.end()));
    }

    /** The compute pool's snapshot in {@code r}, if any. */
    private static List<PoolSnapshot> snapshots(IntervalReport r) {
        return r.pools().stream().filter(p -> p.pool().equals(ProblemWorkload.COMPUTE)).toList();
    }

    private static List<PoolSnapshot> snapshots(String pool) {
        List<PoolSnapshot> list = new ArrayList<>();
        intervals.forEach(r -> r.pools().stream().filter(p -> p.pool().equals(pool)).forEach(list::add));
        return list;
    }

    private static long sum(String pool, java.util.function.ToLongFunction<PoolSnapshot> f) {
        return snapshots(pool).stream().mapToLong(f).sum();
    }
}
