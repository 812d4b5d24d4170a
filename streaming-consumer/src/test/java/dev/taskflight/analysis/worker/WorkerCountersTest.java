package dev.taskflight.analysis.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import org.junit.jupiter.api.Test;

class WorkerCountersTest {

    private static final long S = 1_000_000_000L;

    private static long[] v(long polls, long busy, long idle, long parks, long steals) {
        return new long[] {polls, busy, idle, parks, steals};
    }

    @Test
    void aWorkerPresentFromTheStartCountsLastMinusFirst() {
        WorkerCounters c = new WorkerCounters();
        c.add(1 * S, 7, "w", v(100, 10, 20, 3, 1), 4);
        c.add(2 * S, 7, "w", v(150, 15, 30, 5, 2), 9);
        c.add(3 * S, 7, "w", v(200, 20, 40, 7, 3), 2);
        CounterTotals t = c.totals((thread, first) -> false);
        assertThat(t.polls()).isEqualTo(100);
        assertThat(t.busyNanos()).isEqualTo(10);
        assertThat(t.idleNanos()).isEqualTo(20);
        assertThat(t.parks()).isEqualTo(4);
        assertThat(t.steals()).isEqualTo(2);
        assertThat(t.maxLocalQueueDepth()).isEqualTo(9);
        assertThat(t.busyRatio()).isEqualTo(1.0 / 3);
    }

    @Test
    void aWorkerStartedDuringTheRecordingCountsFromZero() {
        WorkerCounters c = new WorkerCounters();
        c.add(1 * S, 7, "w", v(100, 10, 20, 3, 1), -1);
        c.add(2 * S, 7, "w", v(150, 15, 30, 5, 2), -1);
        assertThat(c.totals((thread, first) -> true).polls()).isEqualTo(150);
    }

    @Test
    void aNewThreadThatContinuesTheIndexsCountersIsOneSegment() {
        WorkerCounters c = new WorkerCounters();
        c.add(1 * S, 7, "w", v(100, 0, 0, 0, 0), -1);
        c.add(2 * S, 7, "w", v(130, 0, 0, 0, 0), -1);
        c.add(3 * S, 8, "w", v(140, 0, 0, 0, 0), -1);
        assertThat(c.totals((thread, first) -> false).polls()).isEqualTo(40);
    }

    @Test
    void aFinalSampleWithoutItsExitedThreadIsNotCountedTwice() {
        WorkerCounters c = new WorkerCounters();
        c.add(1 * S, 7, "w", v(0, 0, 0, 0, 0), -1);
        c.add(2 * S, 7, "w", v(237, 0, 0, 0, 0), -1);
        c.add(3 * S, -1, "", v(237, 0, 0, 0, 0), -1);
        assertThat(c.totals((thread, first) -> false).polls()).isEqualTo(237);
    }

    @Test
    void aNewThreadWhoseCountersRestartStartsANewSegmentFromZero() {
        WorkerCounters c = new WorkerCounters();
        c.add(1 * S, 7, "w", v(100, 0, 0, 0, 0), -1);
        c.add(2 * S, 7, "w", v(130, 0, 0, 0, 0), -1);
        c.add(3 * S, 8, "w", v(5, 0, 0, 0, 0), -1);
        c.add(4 * S, 8, "w", v(25, 0, 0, 0, 0), -1);
        assertThat(c.totals((thread, first) -> false).polls()).isEqualTo(30 + 25);
    }

    @Test
    void aCounterGoingBackwardsIsAReset() {
        WorkerCounters c = new WorkerCounters();
        c.add(1 * S, 7, "w", v(100, 0, 0, 0, 0), -1);
        c.add(2 * S, 7, "w", v(110, 0, 0, 0, 0), -1);
        c.add(3 * S, 7, "w", v(4, 0, 0, 0, 0), -1);
        assertThat(c.totals((thread, first) -> false).polls()).isEqualTo(10 + 4);
    }

    @Test
    void samplesOlderThanTheLatestAreIgnored() {
        WorkerCounters c = new WorkerCounters();
        c.add(1 * S, 7, "w", v(100, 0, 0, 0, 0), -1);
        c.add(3 * S, 7, "w", v(300, 0, 0, 0, 0), -1);
        c.add(2 * S, 7, "w", v(200, 0, 0, 0, 0), -1);
        assertThat(c.totals((thread, first) -> false).polls()).isEqualTo(200);
    }

    @Test
    void theAggregatorTreatsAWorkerFirstSampledAfterItsPoolsFirstRoundAsNew() {
        WorkerCounterAggregator a = new WorkerCounterAggregator(new ThreadDirectory());
        a.sample(new WorkerKey("p", 0), 1 * S, 10, "p-0", v(100, 0, 0, 0, 0), -1);
        a.sample(new WorkerKey("p", 0), 2 * S, 10, "p-0", v(200, 0, 0, 0, 0), -1);
        a.sample(new WorkerKey("p", 1), 2 * S, 11, "p-1", v(40, 0, 0, 0, 0), -1);
        assertThat(a.totals().get(new WorkerKey("p", 0)).polls()).isEqualTo(100);
        assertThat(a.totals().get(new WorkerKey("p", 1)).polls()).isEqualTo(40);
    }

    @Test
    void theAggregatorTreatsAWorkerWhoseThreadStartWasRecordedAsNew() {
        WorkerCounterAggregator a = new WorkerCounterAggregator(new ThreadDirectory());
        a.threadStarted(10, S / 2);
        a.sample(new WorkerKey("p", 0), 1 * S, 10, "p-0", v(100, 0, 0, 0, 0), -1);
        a.sample(new WorkerKey("p", 0), 2 * S, 10, "p-0", v(200, 0, 0, 0, 0), -1);
        assertThat(a.totals().get(new WorkerKey("p", 0)).polls()).isEqualTo(200);
    }

    @Test
    void mergingTwoPartsEqualsReadingThemInOne() {
        long[][] samples = {v(100, 1, 1, 1, 1), v(130, 2, 2, 2, 2), v(5, 0, 0, 0, 0), v(25, 3, 3, 3, 3),
            v(40, 4, 4, 4, 4), v(3, 1, 1, 1, 1), v(9, 2, 2, 2, 2)};
        long[] threads = {7, 7, 8, 8, 8, 9, 9};
        for (boolean startedDuring : new boolean[] {false, true}) {
            WorkerCounters whole = new WorkerCounters();
            for (int i = 0; i < samples.length; i++) {
                whole.add(i * S, threads[i], "w", samples[i], i);
            }
            CounterTotals expected = whole.totals((t, f) -> startedDuring);
            for (int cut = 0; cut <= samples.length; cut++) {
                WorkerCounters first = new WorkerCounters();
                WorkerCounters second = new WorkerCounters();
                for (int i = 0; i < samples.length; i++) {
                    (i < cut ? first : second).add(i * S, threads[i], "w", samples[i], i);
                }
                first.merge(second);
                assertThat(first.totals((t, f) -> startedDuring)).as("cut at %d", cut).isEqualTo(expected);
            }
        }
    }
}
