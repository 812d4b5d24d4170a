package dev.taskflight.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InProcessStreamTest {

    private static final String POOL = "in-process-test";
    private static final long LONG_POLL_NANOS = 30_000_000L;

    private long polls;

    @Test
    void aLongPollInThisJvmReachesTheSinkAsAnIntervalWithALongPollFinding() {
        List<IntervalReport> intervals = new CopyOnWriteArrayList<>();
        try (InProcessStream live = InProcessStream.start(
                IntervalOptions.DEFAULT.withInterval(Duration.ofMillis(200)), intervals::add)) {
            sample();
            longPoll();
            // Samples keep event time moving, so intervals keep closing.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sample();
                return intervals.stream().flatMap(r -> r.pools().stream())
                        .anyMatch(p -> p.pool().equals(POOL) && p.longPolls() == 1);
            });
            assertThat(live.intervals()).isPositive();
        }
        PoolSnapshot p = intervals.stream().flatMap(r -> r.pools().stream())
                .filter(s -> s.pool().equals(POOL) && s.longPolls() == 1).findFirst().orElseThrow();
        assertThat(p.longestPollNanos()).isGreaterThanOrEqualTo(LONG_POLL_NANOS);
        assertThat(p.findings()).anyMatch(f -> f.type().equals(LongPollFinding.TYPE));
        long total = intervals.stream().flatMap(r -> r.pools().stream()).filter(s -> s.pool().equals(POOL))
                .mapToLong(PoolSnapshot::polls).sum();
        assertThat(total).isLessThanOrEqualTo(polls);
    }

    private void sample() {
        WorkerSampleEvent e = new WorkerSampleEvent();
        e.pool = POOL;
        e.worker = 0;
        e.workerThread = Thread.currentThread();
        e.polls = ++polls;
        e.busyTime = polls * 1_000L;
        e.idleTime = polls * 3_000L;
        e.parks = polls;
        e.steals = 0;
        e.localQueueDepth = -1;
        e.commit();
    }

    private static void longPoll() {
        TaskPollEvent poll = new TaskPollEvent();
        poll.begin();
        long until = System.nanoTime() + LONG_POLL_NANOS;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        poll.end();
        poll.pool = POOL;
        poll.worker = 0;
        poll.taskClass = InProcessStreamTest.class;
        poll.schedulingDelay = -1;
        poll.commit();
    }
}
