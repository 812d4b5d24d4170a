package dev.taskflight.analysis.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflight.analysis.report.DelayReport;
import dev.taskflight.analysis.report.Explanation;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.QueueReport;
import dev.taskflight.analysis.report.WorkerReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every finding from plain data, without JFR. */
class FindingsTest {

    private static final long MS = 1_000_000L;
    private static final FindingThresholds T = FindingThresholds.DEFAULT;

    private static WorkerReport worker(int index, long polls, double busy, long idleWithWork, long idleWithWorkNanos) {
        long total = 1000 * MS;
        return new WorkerReport("p", index, "p-" + index, true, polls, (long) (busy * total),
                (long) ((1 - busy) * total), 0, 0, busy, -1, 0, 0, idleWithWork, idleWithWorkNanos, DelayReport.EMPTY);
    }

    private static PoolReport pool(List<WorkerReport> workers, DelayReport delay, QueueReport queue, long longPolls,
            long critical) {
        return new PoolReport("p", "ForkJoinPool", workers.size(), "agent", "1", workers.get(0), workers, queue, delay,
                100, longPolls, critical);
    }

    private static PoolReport healthy() {
        return pool(List.of(worker(0, 1000, 0.6, 0, 0), worker(1, 900, 0.55, 0, 0)),
                new DelayReport(100, MS / 10, MS / 5, MS, 2 * MS, 3 * MS, MS / 10),
                new QueueReport(10, 20, Instant.EPOCH, 5, 0, null, null, 2, 2, -1, 100), 0, 0);
    }

    @Test
    void aHealthyPoolHasNoFindings() {
        assertThat(Findings.evaluate(List.of(healthy()), List.of(), List.of(), PinningReport.NONE, T)).isEmpty();
    }

    @Test
    void longPollsAreCriticalFromFiftyMillisecondsAndNameTheLongest() {
        LongPoll longest = new LongPoll("p", 2, "p-2", "a.Task", null, Instant.EPOCH, 80 * MS, Severity.CRITICAL,
                Explanation.NONE);
        PoolReport p = pool(List.of(worker(0, 1, 0.5, 0, 0)), DelayReport.EMPTY, null, 4, 1);
        assertThat(LongPollFinding.evaluate(List.of(p), List.of(longest), LongPollFinding.Thresholds.DEFAULT))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.message()).startsWith("4 polls took 10.0 ms or more (1 of 50.0 ms or more); longest"
                            + " 80.0 ms on worker 2 (a.Task)");
                    assertThat(f.facts()).containsEntry("longestNanos", 80 * MS);
                });
        assertThat(LongPollFinding.severityOf(9 * MS, LongPollFinding.Thresholds.DEFAULT)).isNull();
        assertThat(LongPollFinding.severityOf(10 * MS, LongPollFinding.Thresholds.DEFAULT)).isEqualTo(Severity.WARNING);
    }

    @Test
    void aWorkerParkedWhileWorkWasQueuedIsIdle() {
        PoolReport p = pool(List.of(worker(0, 100, 0.5, 3, 12 * MS), worker(1, 100, 0.5, 0, 0)), DelayReport.EMPTY,
                null, 0, 0);
        IdleEpisode e = new IdleEpisode("p", 0, "p-0", Instant.EPOCH, 60 * MS, 7, -1, -1);
        List<Finding> f = IdleWorkerFinding.evaluate(List.of(p), List.of(e), IdleWorkerFinding.Thresholds.DEFAULT);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.worker()).isZero();
            assertThat(x.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(x.facts()).containsEntry("maxQueuedTasks", 7L);
        });
    }

    @Test
    void anUnderUsedWorkerBesideASaturatedOneIsIdle() {
        PoolReport p = pool(List.of(worker(0, 100, 0.95, 0, 0), worker(1, 100, 0.2, 0, 0)), DelayReport.EMPTY, null,
                0, 0);
        assertThat(IdleWorkerFinding.evaluate(List.of(p), List.of(), IdleWorkerFinding.Thresholds.DEFAULT))
                .singleElement().satisfies(x -> {
                    assertThat(x.worker()).isEqualTo(1);
                    assertThat(x.message()).isEqualTo("worker 1 was busy 20% of the time while worker 0 was busy 90% or"
                            + " more");
                });
    }

    @Test
    void aHighP99SchedulingDelayIsAWarningAndFromFiftyMillisecondsCritical() {
        PoolReport warn = pool(List.of(worker(0, 1, 0.5, 0, 0)), new DelayReport(50, MS, 2 * MS, 6 * MS, 7 * MS,
                8 * MS, MS), null, 0, 0);
        PoolReport crit = pool(List.of(worker(0, 1, 0.5, 0, 0)), new DelayReport(50, MS, 2 * MS, 60 * MS, 70 * MS,
                80 * MS, MS), null, 0, 0);
        PoolReport few = pool(List.of(worker(0, 1, 0.5, 0, 0)), new DelayReport(5, MS, 2 * MS, 60 * MS, 70 * MS,
                80 * MS, MS), null, 0, 0);
        SchedulingDelayFinding.Thresholds t = SchedulingDelayFinding.Thresholds.DEFAULT;
        assertThat(SchedulingDelayFinding.evaluate(List.of(warn), t)).extracting(Finding::severity)
                .containsExactly(Severity.WARNING);
        assertThat(SchedulingDelayFinding.evaluate(List.of(crit), t)).extracting(Finding::severity)
                .containsExactly(Severity.CRITICAL);
        assertThat(SchedulingDelayFinding.evaluate(List.of(few), t)).isEmpty();
    }

    @Test
    void aDeepQueueIsABacklog() {
        QueueReport q = new QueueReport(10, 1200, Instant.EPOCH, 600, 8, Instant.EPOCH, Instant.EPOCH, 4, 4, -1, -1);
        PoolReport p = pool(List.of(worker(0, 1, 0.5, 0, 0)), DelayReport.EMPTY, q, 0, 0);
        assertThat(QueueBacklogFinding.evaluate(List.of(p), QueueBacklogFinding.Thresholds.DEFAULT)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.message()).startsWith("queue reached 1200 tasks at 00:00:00.000 UTC (mean 600.0; 8 of 10");
                });
    }

    @Test
    void pollsPerWorkerDifferingMoreThanThreeTimesIsAnImbalance() {
        PoolReport p = pool(List.of(worker(0, 400, 0.5, 0, 0), worker(1, 100, 0.5, 0, 0)), DelayReport.EMPTY, null,
                0, 0);
        assertThat(ImbalanceFinding.evaluate(List.of(p), ImbalanceFinding.Thresholds.DEFAULT)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.facts()).containsEntry("ratio", 4.0).containsEntry("idlestWorker", 1);
                });
        PoolReport even = pool(List.of(worker(0, 300, 0.5, 0, 0), worker(1, 100, 0.5, 0, 0)), DelayReport.EMPTY, null,
                0, 0);
        assertThat(ImbalanceFinding.evaluate(List.of(even), ImbalanceFinding.Thresholds.DEFAULT)).isEmpty();
    }

    @Test
    void aThreadPoolWithMoreWorkersThanItsCoreSizeIsNotJudgedOnBalance() {
        List<WorkerReport> workers = List.of(worker(0, 400, 0.5, 0, 0), worker(1, 100, 0.5, 0, 0),
                worker(2, 4, 0.1, 0, 0));
        PoolReport cached = new PoolReport("p", "ThreadPoolExecutor", 0, "agent", "1", workers.get(0), workers, null,
                DelayReport.EMPTY, 100, 0, 0);
        assertThat(ImbalanceFinding.evaluate(List.of(cached), ImbalanceFinding.Thresholds.DEFAULT)).isEmpty();
        PoolReport fixed = new PoolReport("p", "ThreadPoolExecutor", 3, "agent", "1", workers.get(0), workers, null,
                DelayReport.EMPTY, 100, 0, 0);
        assertThat(ImbalanceFinding.evaluate(List.of(fixed), ImbalanceFinding.Thresholds.DEFAULT)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        PoolReport forkJoin = new PoolReport("p", "ForkJoinPool", 2, "agent", "1", workers.get(0), workers, null,
                DelayReport.EMPTY, 100, 0, 0);
        assertThat(ImbalanceFinding.evaluate(List.of(forkJoin), ImbalanceFinding.Thresholds.DEFAULT)).hasSize(1);
    }

    @Test
    void longPinningIsAFinding() {
        PinningReport p = new PinningReport(5, 2, 150 * MS, 120 * MS, List.of(new FrameCount("a.Legacy.call", 2)));
        assertThat(PinnedCarrierFinding.evaluate(p, PinnedCarrierFinding.Thresholds.DEFAULT)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.pool()).isNull();
                    assertThat(f.message()).endsWith("mostly at a.Legacy.call");
                });
    }

    @Test
    void inconsistentThresholdsAreRejected() {
        assertThatThrownBy(() -> new LongPollFinding.Thresholds(Duration.ofMillis(50), Duration.ofMillis(10)))
                .hasMessageContaining("critical threshold is shorter");
        assertThatThrownBy(() -> new QueueBacklogFinding.Thresholds(0, 10)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ImbalanceFinding.Thresholds(1, 10)).hasMessageContaining("greater than 1");
    }

    @Test
    void severitiesParseIgnoringCase() {
        assertThat(Severity.parse("Warning")).isEqualTo(Severity.WARNING);
        assertThatThrownBy(() -> Severity.parse("fatal")).hasMessageContaining("expected info, warning or critical");
    }
}
