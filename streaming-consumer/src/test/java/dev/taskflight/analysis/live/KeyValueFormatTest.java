package dev.taskflight.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.finding.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueFormatTest {

    private static final Instant START = Instant.parse("2026-11-21T06:50:00Z");
    private static final Instant END = Instant.parse("2026-11-21T06:50:10Z");

    private static Finding longPoll() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("count", 2L);
        facts.put("longestNanos", 120_500_000L);
        facts.put("longestCause", "sleep");
        facts.put("longestCauseSubject", "");
        return new Finding(LongPollFinding.TYPE, Severity.CRITICAL, "orders", -1,
                "2 polls took 10.0 ms or more; longest 121 ms", facts);
    }

    private static IntervalReport interval() {
        Finding idle = new Finding(IdleWorkerFinding.TYPE, Severity.WARNING, "orders", 3, "worker 3 parked",
                Map.of("busyRatio", 0.25));
        Finding backlog = new Finding(QueueBacklogFinding.TYPE, Severity.WARNING, "orders", -1, "queue", Map.of());
        PoolSnapshot p = new PoolSnapshot("orders", "ThreadPoolExecutor", 2, 1200, false, 0.41,
                List.of(new PoolSnapshot.WorkerBusy(0, 0.4), new PoolSnapshot.WorkerBusy(1, -1)), 1, 30, 2,
                120_500_000L, "sleep", 100, 1_000_000, 5_250_000, 9_000_000, 140, 7,
                List.of(longPoll(), idle, backlog), "sleep:0.700,cpu:0.200,unexplained:0.100");
        return new IntervalReport(START, END, List.of(p), List.of(longPoll(), idle, backlog), 0);
    }

    @Test
    void aPoolLineHasEveryNumberAsKeyValueWithDurationsInMilliseconds() {
        IntervalReport r = interval();
        assertThat(KeyValueFormat.pool(r, r.pools().get(0))).isEqualTo("taskflight interval"
                + " start=2026-11-21T06:50:00Z end=2026-11-21T06:50:10Z pool=orders kind=ThreadPoolExecutor"
                + " workers=2 polls=1200 busy=0.410 workerBusy=0.400,unknown idleWorkers=1 parks=30 longPolls=2"
                + " longestPollMs=120.500 topCause=sleep causes=sleep:0.700,cpu:0.200,unexplained:0.100 delayCount=100 delayP50Ms=1.000 delayP99Ms=5.250"
                + " delayMaxMs=9.000 queueMax=140 steals=7"
                + " findings=long-poll:critical,idle-worker:warning,queue-backlog:warning");
    }

    @Test
    void findingLinesQuoteValuesWithSpacesAndShowEmptyValuesAsQuotes() {
        String line = KeyValueFormat.finding(interval(), longPoll());
        assertThat(line).startsWith("taskflight finding end=2026-11-21T06:50:10Z pool=orders type=long-poll"
                + " severity=critical count=2 longestMs=120.500 longestCause=sleep longestCauseSubject=\"\"")
                .endsWith(" message=\"2 polls took 10.0 ms or more; longest 121 ms\"");
    }

    @Test
    void onlyLongPollsAndIdleWorkersGetALineOfTheirOwn() {
        List<String> lines = KeyValueFormat.lines(interval());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(" type=long-poll ");
        assertThat(lines.get(2)).contains(" type=idle-worker ", " worker=3 ", " busyRatio=0.250 ");
    }

    @Test
    void theLoggingSinkWritesPoolLinesAtInfoAndFindingLinesAtWarning() {
        RecordingLogger log = new RecordingLogger();
        new LoggingSink(log).accept(interval());
        assertThat(log.lines).hasSize(3);
        assertThat(log.lines.get(0)).startsWith("INFO taskflight interval ");
        assertThat(log.lines.get(1)).startsWith("WARNING taskflight finding ");
        assertThat(log.lines.get(2)).startsWith("WARNING taskflight finding ");
    }

    private static final StuckPoll STUCK = new StuckPoll("orders", 1, "orders-worker-1", "com.acme.Export",
            Instant.parse("2026-11-21T06:50:03Z"), Instant.parse("2026-11-21T06:50:08.120Z"), 5_120_000_000L,
            "java.lang.Thread.sleep");

    @Test
    void aPollStillRunningHasALineOfItsOwnWithPoolWorkerThreadRunningTimeAndTopFrame() {
        IntervalReport r = interval();
        IntervalReport withStuck = new IntervalReport(r.start(), r.end(), r.pools(), r.findings(), 0, List.of(STUCK));
        assertThat(KeyValueFormat.stillRunning(withStuck, STUCK)).isEqualTo("taskflight still-running"
                + " end=2026-11-21T06:50:10Z pool=orders worker=1 thread=orders-worker-1 runningForMs=5120.000"
                + " since=2026-11-21T06:50:03Z taskClass=com.acme.Export topFrame=java.lang.Thread.sleep"
                + " state=running");
        assertThat(KeyValueFormat.lines(withStuck)).hasSize(4).last().asString().startsWith("taskflight still-running ");
        RecordingLogger log = new RecordingLogger();
        new LoggingSink(log).accept(withStuck);
        assertThat(log.lines).hasSize(4).last().asString().startsWith("WARNING taskflight still-running ");
    }
}
