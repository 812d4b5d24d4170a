package dev.taskflight.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void withDumpsOnAnomalyTheLongPollIsWrittenToAJfrFile(@TempDir Path dir) throws Exception {
        AnomalyDumper.Options dumps = new AnomalyDumper.Options(Severity.WARNING, dir, 2, Duration.ofSeconds(30));
        try (InProcessStream live = InProcessStream.start(
                IntervalOptions.DEFAULT.withInterval(Duration.ofMillis(200)), i -> { }, dumps)) {
            sample();
            longPoll();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sample();
                return dumpFiles(dir).size() == 1;
            });
            assertThat(live.intervals()).isPositive();
        }
        Path file = dumpFiles(dir).get(0);
        assertThat(RecordingFile.readAllEvents(file)).anyMatch(e -> e.getEventType().getName()
                .equals("taskflight.TaskPoll") && POOL.equals(PoolField.read(e.getString("pool")))
                && e.getDuration().toNanos() >= LONG_POLL_NANOS);
    }

    private static List<Path> dumpFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(AnomalyDumper.PREFIX))
                    .collect(Collectors.toList());
        }
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
        poll.pool = PoolField.write(POOL);
        poll.worker = 0;
        poll.taskName = InProcessStreamTest.class.getName();
        poll.schedulingDelay = TaskPollEvent.UNKNOWN_DELAY;
        poll.commit();
    }
}
