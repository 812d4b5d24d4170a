package dev.taskflight.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.analysis.source.RecordingInspector;
import dev.taskflight.analysis.source.RecordingLayout;
import dev.taskflight.cli.timeline.DrawTimes;
import dev.taskflight.cli.visual.EventPass;
import dev.taskflight.events.EventNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report reads a large recording in time slices on several threads and merges what each slice
 * collected: the merged drawing must be the one a single pass collects.
 */
class SlicedReportTest {

    @ParameterizedTest(name = "keep every poll: {0}")
    @ValueSource(booleans = {true, false})
    void slicesMergeIntoWhatOnePassCollects(boolean keepAll) throws Exception {
        Path file = Recordings.problems();
        assertThat(assertSlicesMergeIntoOnePass(file, thirdsOfTheEvents(file), keepAll))
                .containsExactly(true, true, true);
    }

    /**
     * Returns two cuts that leave about a third of the pools' polls, parks and queue samples in each
     * slice, by the times those events end. Thirds of the recording's wall time would not do: when the
     * machine is busy, the workload can start late in its chunk, and the first third hold none of them.
     */
    private static long[] thirdsOfTheEvents(Path file) throws Exception {
        Set<String> types = Set.of(EventNames.TASK_POLL, EventNames.WORKER_PARK, EventNames.QUEUE_SAMPLE);
        List<Long> ends = RecordingFile.readAllEvents(file).stream()
                .filter(e -> types.contains(e.getEventType().getName()))
                .map(e -> DrawTimes.nanos(e.getEndTime())).distinct().sorted().collect(Collectors.toList());
        assertThat(ends).hasSizeGreaterThan(3);
        return new long[] {ends.get(ends.size() / 3), ends.get(2 * ends.size() / 3)};
    }

    /**
     * The last chunk's header starts after its first events end, as when the wall clock runs ahead of
     * the clock that times events: the slice that ends just before that chunk must still read them.
     */
    @ParameterizedTest(name = "keep every poll: {0}")
    @ValueSource(booleans = {true, false})
    void aSliceReadsItsEventsInTheNextChunkWhenTheClocksDrift(boolean keepAll) throws Exception {
        Path file = Recordings.clockAhead();
        RecordingLayout layout = RecordingInspector.inspect(file);
        long lastStart = layout.chunks().get(layout.chunks().size() - 1).startNanos();
        assertSlicesMergeIntoOnePass(file, new long[] {lastStart - 1}, keepAll);
    }

    /**
     * Reads the file in the slices the cuts make, and in one pass, and compares what they collected;
     * returns whether each slice saw a pool.
     */
    private static List<Boolean> assertSlicesMergeIntoOnePass(Path file, long[] cuts, boolean keepAll)
            throws Exception {
        RecordingLayout layout = RecordingInspector.inspect(file);
        AnalysisReport report = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        Set<String> pools = report.pools().stream().map(PoolReport::name).collect(Collectors.toSet());
        long from = DrawTimes.nanos(layout.start());
        long to = DrawTimes.nanos(layout.end());
        Supplier<ReportCollector> collector = () -> new ReportCollector(from, to, pools, keepAll, 1_000_000,
                report.longPolls());
        EventPass pass = new EventPass(file, layout);

        ReportCollector one = pass.run(collector, new long[0], p -> { }).get(0);
        List<ReportCollector> slices = pass.run(collector, cuts, p -> { });
        assertThat(slices).hasSize(cuts.length + 1);
        List<Boolean> sawPools = slices.stream().map(c -> !c.pools().isEmpty()).collect(Collectors.toList());
        ReportCollector merged = slices.get(0);
        for (int i = 1; i < slices.size(); i++) {
            merged.merge(slices.get(i));
        }

        assertThat(names(merged)).isEqualTo(names(one)).isNotEmpty();
        assertThat(one.pools().stream().mapToLong(d -> d.pollsSeen).sum()).isGreaterThan(100);
        assertThat(one.pools().stream().mapToInt(d -> d.longDelays.size()).sum()).isPositive();
        for (PoolData a : one.pools()) {
            PoolData b = merged.pool(a.name);
            assertThat(b.pollsSeen).as(a.name).isEqualTo(a.pollsSeen);
            assertThat(b.parksSeen).isEqualTo(a.parksSeen);
            assertThat(b.pollsDropped).isEqualTo(a.pollsDropped);
            assertThat(b.workers).isEqualTo(a.workers);
            assertThat(b.delayBins).isEqualTo(a.delayBins);
            assertThat(b.queueMax).isEqualTo(a.queueMax);
            assertThat(b.activeMax).isEqualTo(a.activeMax);
            assertThat(b.sampled).isEqualTo(a.sampled);
            assertThat(b.busy.keySet()).isEqualTo(a.busy.keySet());
            a.busy.forEach((w, buckets) -> {
                for (int i = 0; i < buckets.length; i++) {
                    assertThat(b.busy.get(w)[i]).isCloseTo(buckets[i], within(1e-3));
                }
            });
            assertThat(polls(b, b.polls)).isEqualTo(polls(a, a.polls));
            // the longest delays: among equal delays, which poll is kept depends on the order read
            assertThat(delays(b.longDelays)).isEqualTo(delays(a.longDelays));
            assertThat(sorted(b.parks)).isEqualTo(sorted(a.parks));
            assertThat(b.stuck).containsExactlyInAnyOrderElementsOf(a.stuck);
            assertThat(b.flame.samples()).isEqualTo(a.flame.samples());
        }
        return sawPools;
    }

    private static Set<String> names(ReportCollector c) {
        return c.pools().stream().map(d -> d.name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The kept polls with their task's name (slices number their tasks each their own way), in order. */
    private static List<String> polls(PoolData d, Iterable<PoolData.KeptPoll> kept) {
        List<String> out = new ArrayList<>();
        for (PoolData.KeptPoll k : kept) {
            out.add(k.worker() + "/" + k.start() + "/" + k.duration() + "/" + k.delay() + "/" + d.tasks.get(k.task())
                    + "/" + k.stolen() + "/" + k.virtual());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<Long> delays(Iterable<PoolData.KeptPoll> kept) {
        List<Long> out = new ArrayList<>();
        kept.forEach(k -> out.add(k.delay()));
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<PoolData.KeptPark> sorted(Iterable<PoolData.KeptPark> parks) {
        List<PoolData.KeptPark> out = new ArrayList<>();
        parks.forEach(out::add);
        out.sort(Comparator.comparingLong(PoolData.KeptPark::start).thenComparingInt(PoolData.KeptPark::worker)
                .thenComparingLong(PoolData.KeptPark::duration));
        return out;
    }
}
