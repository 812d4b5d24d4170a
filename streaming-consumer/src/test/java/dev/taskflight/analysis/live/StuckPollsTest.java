package dev.taskflight.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.poll.PollInProgressEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import jdk.jfr.consumer.EventStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The watchdog's reports of polls still running, as an interval lists them: once per stuck poll. */
class StuckPollsTest {

    private static final String POOL = "stuck";
    private static final String FRAME = "com.example.Export.write";
    private static List<StuckPoll> stuck;

    @BeforeAll
    static void streamTheWatchdogsReports() throws Exception {
        Path file = Recordings.recordProduction("stuck.jfr", StuckPollsTest::workload);
        List<IntervalReport> intervals = new ArrayList<>();
        IntervalAnalyzer live = new IntervalAnalyzer(IntervalOptions.DEFAULT.withInterval(Duration.ofHours(1)),
                file.toString(), intervals::add);
        try (EventStream stream = EventStream.openFile(file)) {
            live.register(stream);
            stream.start();
        }
        stuck = intervals.stream().flatMap(i -> i.stillRunning().stream()).collect(Collectors.toList());
    }

    /**
     * Worker 0 is reported stuck three times in one poll (the first time without a stack); worker 1 in a
     * poll that ends before the interval closes; worker 2 in one poll, then in the next one (so the first
     * one ended).
     */
    static void workload() {
        CountDownLatch done = new CountDownLatch(1);
        Thread worker0 = new Thread(() -> await(done), POOL + "-worker-0");
        Thread worker2 = new Thread(() -> await(done), POOL + "-worker-2");
        worker0.start();
        worker2.start();
        CountDownLatch reported = new CountDownLatch(1);
        Thread worker1 = new Thread(() -> {
            TaskPollEvent poll = new TaskPollEvent();
            poll.begin();
            await(reported);
            long now = System.nanoTime();
            parkUntil(now, 30, now, 0); // over the profile's threshold
            endPoll(poll, 1);
        }, POOL + "-worker-1");
        worker1.start();
        report(worker0, 0, 10, "");
        report(worker0, 0, 20, FRAME + "(Export.java:7)\ncom.example.Task.run(Task.java:3)");
        report(worker0, 0, 40, "java.base/java.lang.Thread.sleep(Native Method)");
        report(worker1, 1, 10, FRAME + "(Export.java:7)");
        report(worker2, 2, 10, FRAME + "(Export.java:7)");
        reported.countDown();
        join(worker1);
        report(worker2, 2, 1, "java.base/java.lang.Thread.sleep(Native Method)"); // began after the last report
        done.countDown();
        join(worker0);
        join(worker2);
    }

    @Test
    void aStuckPollIsListedOnceWithItsLongestRunningTimeAndTheFirstStackTaken() {
        assertThat(stuck).extracting(StuckPoll::worker).containsExactly(0, 2);
        StuckPoll first = stuck.get(0);
        assertThat(first.pool()).isEqualTo(POOL);
        assertThat(first.thread()).isEqualTo(POOL + "-worker-0");
        assertThat(first.runningNanos()).isEqualTo(40_000_000L);
        assertThat(first.topFrame()).isEqualTo(FRAME);
        assertThat(first.since()).isBefore(first.seen());
    }

    @Test
    void aLaterPollOfTheSameThreadReplacesTheOneThatEnded() {
        StuckPoll later = stuck.get(1);
        assertThat(later.thread()).isEqualTo(POOL + "-worker-2");
        assertThat(later.runningNanos()).isEqualTo(1_000_000L);
        assertThat(later.topFrame()).isEqualTo("java.lang.Thread.sleep");
    }

    @Test
    void aPollThatEndedBeforeTheIntervalClosedIsNotListed() {
        assertThat(stuck).noneMatch(p -> p.worker() == 1);
    }

    @Test
    void theTopFrameIsTheFirstOutsideTheJdkAndTaskflight() {
        assertThat(StuckPolls.applicationFrame("java.base/java.lang.Thread.sleep(Native Method)\n"
                + "dev.taskflight.recorder.internal.core.WorkerProbe.run(WorkerProbe.java:9)\n"
                + FRAME + "(Export.java:7)\ncom.example.Task.run(Task.java:3)")).isEqualTo(FRAME);
        assertThat(StuckPolls.applicationFrame("java.base/java.lang.Thread.sleep(Native Method)"))
                .isEqualTo("java.lang.Thread.sleep");
        assertThat(StuckPolls.applicationFrame("")).isNull();
    }

    private static final Duration SHORT_INTERVAL = Duration.ofMillis(300);
    private static final long CRITICAL_MILLIS = 500;
    /**
     * When worker 0 is reported. Intervals are 300 ms of wall-clock time, aligned to the epoch: two
     * reports more than 300 ms apart always fall in different intervals, whatever the phase, and the
     * gaps that matter (first to third report, third to fourth) are 350 and 400 ms. Each report waits
     * for its gap after the one before as it happened, so a late wake-up (a busy machine) only widens
     * the gaps.
     */
    private static final long[] REPORTS_MILLIS = {50, 200, 400, 800};

    /**
     * Worker 1 is reported once at 10 ms and never again (it ended under the recording's threshold: no
     * TaskPoll); worker 0 is reported at 50, 200, 400 and 800 ms of its poll, as the watchdog does, with
     * a stack only in the report at {@code framedAtMillis}, and ends at 1.4 s; 1.8 s after the start,
     * worker 2 is reported, the last event.
     */
    static void criticalWorkload(long framedAtMillis) {
        CountDownLatch done = new CountDownLatch(1);
        Thread worker1 = new Thread(() -> await(done), POOL + "-worker-1");
        Thread worker2 = new Thread(() -> await(done), POOL + "-worker-2");
        worker1.start();
        worker2.start();
        long start = System.nanoTime();
        long[] ended = new long[1]; // when worker 0's poll ended; read after joining it
        report(worker1, 1, 10, FRAME + "(Export.java:7)");
        Thread worker0 = new Thread(() -> {
            TaskPollEvent poll = new TaskPollEvent();
            poll.begin();
            long last = start;
            long lastMillis = 0;
            for (long millis : REPORTS_MILLIS) {
                last = parkUntil(start, millis, last, millis - lastMillis);
                lastMillis = millis;
                report(Thread.currentThread(), 0, millis, millis == framedAtMillis ? FRAME + "(Export.java:7)" : "");
            }
            ended[0] = parkUntil(start, 1400, last, 1400 - lastMillis); // two intervals after turning critical
            endPoll(poll, 0);
        }, POOL + "-worker-0");
        worker0.start();
        join(worker0);
        parkUntil(start, 1800, ended[0], 400);
        report(worker2, 2, 1, "");
        done.countDown();
        join(worker1);
        join(worker2);
    }

    static List<StuckPoll> stream(Path file, Duration interval, StillRunning policy) throws Exception {
        List<IntervalReport> intervals = new ArrayList<>();
        FindingThresholds t = FindingThresholds.DEFAULT;
        AnalysisOptions analysis = AnalysisOptions.DEFAULT.withThresholds(new FindingThresholds(
                new LongPollFinding.Thresholds(Duration.ofMillis(10), Duration.ofMillis(CRITICAL_MILLIS)),
                t.idleWorker(), t.schedulingDelay(), t.queueBacklog(), t.imbalance(), t.pinnedCarrier()));
        IntervalAnalyzer live = new IntervalAnalyzer(IntervalOptions.DEFAULT.withInterval(interval)
                .withAnalysis(analysis).withStillRunning(policy), file.toString(), intervals::add);
        try (EventStream stream = EventStream.openFile(file)) {
            live.register(stream);
            stream.start();
        }
        return intervals.stream().flatMap(i -> i.stillRunning().stream()).collect(Collectors.toList());
    }

    @Test
    void aStuckPollGetsALineWhenReportedOneWhenItTurnsCriticalAndOneWhenItEndsAndNoneAfterAMissedReport()
            throws Exception {
        Path file = Recordings.recordProduction("stuck-critical.jfr", () -> criticalWorkload(REPORTS_MILLIS[0]));
        List<StuckPoll> all = stream(file, SHORT_INTERVAL, StillRunning.ALL);
        assertThat(all).filteredOn(p -> p.worker() == 0).extracting(StuckPoll::state)
                .containsExactly(StuckPoll.RUNNING, StuckPoll.CRITICAL, StuckPoll.ENDED);
        assertThat(all).filteredOn(p -> p.worker() == 0).allSatisfy(p -> assertThat(p.topFrame()).isEqualTo(FRAME));
        assertThat(stream(file, SHORT_INTERVAL, StillRunning.CRITICAL)).filteredOn(p -> p.worker() == 0)
                .extracting(StuckPoll::state).containsExactly(StuckPoll.CRITICAL, StuckPoll.ENDED);
        assertThat(stream(file, SHORT_INTERVAL, StillRunning.OFF)).isEmpty();
        // One interval closing 1.8 s later: worker 1's next report, due at 20 ms, never came; it ended.
        assertThat(stream(file, Duration.ofHours(1), StillRunning.ALL)).extracting(StuckPoll::worker)
                .doesNotContain(1);
    }

    @Test
    void aLineThatNamedNoFrameIsFollowedByOneThatDoesOnceALaterReportBringsTheStack() throws Exception {
        // the reports at 50 and 200 ms have no stack, the one at 400 ms (a later interval than 50 ms's) has
        Path file = Recordings.recordProduction("stuck-frame-late.jfr", () -> criticalWorkload(REPORTS_MILLIS[2]));
        List<StuckPoll> all = stream(file, SHORT_INTERVAL, StillRunning.ALL);
        assertThat(all).filteredOn(p -> p.worker() == 0).extracting(StuckPoll::state, StuckPoll::topFrame)
                .containsExactly(tuple(StuckPoll.RUNNING, ""), tuple(StuckPoll.RUNNING, FRAME),
                        tuple(StuckPoll.CRITICAL, FRAME), tuple(StuckPoll.ENDED, FRAME));
        // only critical lines: the critical one already names the frame, so no more
        assertThat(stream(file, SHORT_INTERVAL, StillRunning.CRITICAL)).filteredOn(p -> p.worker() == 0)
                .extracting(StuckPoll::state, StuckPoll::topFrame)
                .containsExactly(tuple(StuckPoll.CRITICAL, FRAME), tuple(StuckPoll.ENDED, FRAME));
    }

    private static void endPoll(TaskPollEvent poll, int worker) {
        poll.end();
        poll.pool = PoolField.write(POOL); // as the recorder writes it; PollInProgress holds the name as it is
        poll.worker = worker;
        poll.schedulingDelay = TaskPollEvent.UNKNOWN_DELAY;
        poll.commit();
    }

    /**
     * Parks until {@code atMillis} after {@code start}, and at least {@code gapMillis} after {@code after}.
     *
     * @return the time it woke
     */
    private static long parkUntil(long start, long atMillis, long after, long gapMillis) {
        long deadline = Math.max(start + TimeUnit.MILLISECONDS.toNanos(atMillis),
                after + TimeUnit.MILLISECONDS.toNanos(gapMillis));
        long now;
        while ((now = System.nanoTime()) - deadline < 0) {
            LockSupport.parkNanos(deadline - now);
        }
        return now;
    }

    private static void report(Thread worker, int index, long runningMillis, String stack) {
        PollInProgressEvent e = new PollInProgressEvent();
        e.pool = POOL;
        e.worker = index;
        e.workerThread = worker;
        e.runningTime = TimeUnit.MILLISECONDS.toNanos(runningMillis);
        e.stack = stack;
        e.commit();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
