package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production mode's poll boundaries, with a watchdog the test drives tick by tick on a clock it
 * chooses: the worker is the test's own thread, and the watchdog misses every tick the test does not
 * make. Production profile thresholds: {@code TaskPoll} at 10 ms, every {@code WorkerPark}.
 */
class WatchdogTest {

    private static final long MS = 1_000_000;
    private static final Duration LONG = Duration.ofMillis(15);

    @TempDir
    Path dir;

    private Recording recording;
    private FakePool pool;
    private Watchdog watchdog;

    @BeforeEach
    void record() {
        RecordingMode.install();
        recording = new Recording();
        recording.enable(EventNames.TASK_POLL).withThreshold(Duration.ofMillis(10));
        recording.enable(EventNames.WORKER_PARK).withThreshold(Duration.ZERO);
        recording.enable(EventNames.POLL_IN_PROGRESS);
        recording.enable(EventNames.POLL_CPU_TIME);
        recording.enable("taskflight.test.Marker");
        recording.start();
        await().until(() -> RecordingMode.recording() && !RecordingMode.trace());
        pool = new FakePool("watchdog-" + System.nanoTime());
        watchdog = new Watchdog(() -> List.of(pool), System::nanoTime);
    }

    @AfterEach
    void close() {
        recording.close();
    }

    @Test
    void aCoarseWorkersPollsAreTimedOnTheWorkerAndRecordedExactlyOnceWithNoTickAtAll() throws Exception {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        assertThat(w.watch.timed).as("a worker starting while a recording runs is timed").isTrue();
        w.leanPollStart(Runnable.class);
        hold(LONG);
        w.leanPollEnd(null);
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        hold(LONG);
        w.pollEnd();

        List<RecordedEvent> polls = events(EventNames.TASK_POLL);
        assertThat(polls).hasSize(2).allSatisfy(e -> assertThat(e.getDuration()).isGreaterThanOrEqualTo(LONG));
        assertThat(polls.get(1).getStartTime()).isAfterOrEqualTo(polls.get(0).getEndTime());
    }

    @Test
    void aWorkerWhosePollsAreFineIsWatchedAndACoarseOneTimedAgain() {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t0 = w.watch.decidedAt; // the watchdog's clock: the worker's attach time
        fine(w, 1000);
        watchdog.tick(t0 + MS);
        assertThat(w.watch.timed).as("1000 polls in 1 ms").isFalse();
        w.leanPollStart(Runnable.class);
        watchdog.tick(t0 + 50 * MS);
        assertThat(w.watch.timed).as("no poll has ended since: no change").isFalse();
        w.leanPollEnd(null);
        watchdog.tick(t0 + 60 * MS);
        assertThat(w.watch.timed).as("one poll in 59 ms").isTrue();
        watchdog.release();
        assertThat(w.watch.timed).as("the recording stopped").isFalse();
    }

    @Test
    void aBurstOfFinePollsAfterAWaitForWorkIsJudgedByItsPollsNotByTheWait() {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t0 = w.watch.decidedAt;
        fine(w, 1000);
        watchdog.tick(t0 + MS);
        assertThat(w.watch.timed).as("1000 polls in 1 ms").isFalse();
        w.parkStart();
        hold(Duration.ofMillis(30)); // a quiet spell: the worker waits for work, 30 ms or more
        w.parkEnd();
        fine(w, 500);
        watchdog.tick(t0 + 41 * MS);
        // 500 polls in the 40 ms since the decision (80 µs each), but in 10 ms or less of it less the wait
        assertThat(w.watch.timed).as("500 polls in at most 10 ms of the worker's time").isFalse();
    }

    @Test
    void aWatchedPollStartsAfterThePark_evenWhenTheWatchdogMissedTheTicksOfThePark() throws Exception {
        WorkerProbe w = watchedWorker();
        w.parkStart();
        hold(LONG); // the watchdog ticks neither during the park nor when it ends
        w.parkEnd();
        fine(w, 5);
        w.leanPollStart(Runnable.class);
        watchdog.tick(System.nanoTime()); // it sees the poll running
        hold(LONG);
        w.leanPollEnd(null);

        RecordedEvent park = single(EventNames.WORKER_PARK);
        RecordedEvent poll = single(EventNames.TASK_POLL);
        assertThat(poll.getStartTime()).isAfterOrEqualTo(park.getEndTime());
        assertThat(poll.getDuration()).as("never shorter than the poll").isGreaterThanOrEqualTo(LONG);
        assertThat(poll.getString("taskName")).isEqualTo(Runnable.class.getName());
    }

    @Test
    void backToBackWatchedLongPollsDoNotOverlapAndEachIsRecordedOnce() throws Exception {
        WorkerProbe w = watchedWorker();
        long decided = w.watch.decidedAt;
        w.leanPollStart(Runnable.class);
        watchdog.tick(decided + 1_000); // sees the first poll
        hold(LONG);
        watchdog.tick(decided + 2_000); // the tick before the second poll is seen falls in the first
        hold(LONG);
        w.leanPollEnd(null);
        w.leanPollStart(Thread.class);
        watchdog.tick(decided + 3_000); // sees the second poll (one poll in 3 µs: still watched)
        watchdog.tick(decided + 4_000);
        hold(LONG);
        w.leanPollEnd(null);

        List<RecordedEvent> polls = events(EventNames.TASK_POLL);
        assertThat(polls).extracting(e -> e.getString("taskName"))
                .containsExactly(Runnable.class.getName(), Thread.class.getName());
        assertThat(polls.get(1).getStartTime()).isAfterOrEqualTo(polls.get(0).getEndTime());
    }

    @Test
    void aLongWatchedPollNoTickSawIsRecordedByItsWorkerAtItsNextStampInTheWindowThatHoldsIt() throws Exception {
        WorkerProbe w = watchedWorker();
        long before = w.polls();
        fine(w, 3);
        pool.longPollEnded = false;
        w.leanPollStart(Runnable.class);
        Marker.at("start");
        hold(LONG); // no tick: the watchdog thread got no CPU, or had backed off
        Marker.at("end");
        w.leanPollEnd(null);
        fine(w, PollTimer.STAMP_EVERY); // the next stamp closes the window

        assertThat(w.polls()).isEqualTo(before + 4 + PollTimer.STAMP_EVERY);
        RecordedEvent window = unseenContaining(EventNames.TASK_POLL);
        assertThat(window.getDuration()).as("never shorter than the poll").isGreaterThanOrEqualTo(LONG);
        assertThat(window.getThread().getJavaThreadId()).isEqualTo(Thread.currentThread().getId());
        assertThat(window.getInt("worker")).isEqualTo(w.index());
        assertThat(window.getString("taskName")).isEqualTo("(not seen running: one of 16 polls)");
        assertThat(window.getLong("schedulingDelay")).isEqualTo(Long.MIN_VALUE);
        assertThat(watchdogHinted()).as("long polls come in series: the watchdog looks closely again").isTrue();
    }

    @Test
    void aWatchedWorkersStampsComeEvery250MicrosecondsOfPollsAtTheirAverage_andEvery16PollsAtMost() {
        assertThat(Watchdog.stampSpacing(1000, MS)).as("1 µs polls").isEqualTo(PollTimer.STAMP_EVERY);
        assertThat(Watchdog.stampSpacing(100, 2 * MS)).as("20 µs polls").isEqualTo(12);
        assertThat(Watchdog.stampSpacing(100, 4 * MS)).as("40 µs polls").isEqualTo(6);
        assertThat(Watchdog.stampSpacing(100, 4_900_000)).as("49 µs polls, the longest watched").isEqualTo(5);
        assertThat(Watchdog.stampSpacing(1, 10 * MS)).as("a long poll, where every worker is watched").isEqualTo(1);
        assertThat(Watchdog.stampSpacing(5, 0)).as("no time seen").isEqualTo(PollTimer.STAMP_EVERY);
    }

    @Test
    void aWorkerOfRequestLikePollsIsWatched_andItsUnseenLongPollLiesInAWindowOfAbout250MicrosecondsOfPolls() throws Exception {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t0 = w.watch.decidedAt; // the watchdog's clock: the worker's attach time
        fine(w, 100);
        watchdog.tick(t0 + 2 * MS);
        assertThat(w.watch.timed).as("100 polls in 2 ms: 20 µs each, under the 50 µs that pays for timing them").isFalse();
        assertThat(w.stampEvery()).as("250 µs of 20 µs polls").isEqualTo(12);
        w.parkStart();
        w.parkEnd(); // stamps: the window starts here
        fine(w, 3);
        pool.longPollEnded = false;
        w.leanPollStart(Runnable.class);
        Marker.at("start");
        hold(LONG); // no tick
        Marker.at("end");
        w.leanPollEnd(null);
        fine(w, 12); // the 12th poll after the park stamps: the window holds the 11 polls before it

        RecordedEvent window = unseenContaining(EventNames.TASK_POLL);
        assertThat(window.getDuration()).as("never shorter than the poll").isGreaterThanOrEqualTo(LONG);
        assertThat(window.getString("taskName")).isEqualTo("(not seen running: one of 11 polls)");
        assertThat(watchdogHinted()).isTrue();
    }

    @Test
    void aWatchedWorkerThatParksAfterAnUnseenLongPollRecordsItThen_andThePollNeverOverlapsThePark() throws Exception {
        WorkerProbe w = watchedWorker();
        fine(w, 1); // stamps: opens a window
        w.leanPollStart(Runnable.class);
        Marker.at("start");
        hold(LONG);
        Marker.at("end");
        w.leanPollEnd(null);
        w.parkStart(); // closes the window
        hold(LONG);
        w.parkEnd();
        fine(w, 2 * PollTimer.STAMP_EVERY);

        RecordedEvent window = unseenContaining(EventNames.TASK_POLL);
        assertThat(window.getString("taskName")).isEqualTo("(not seen running: one of 2 polls)");
        RecordedEvent park = events(EventNames.WORKER_PARK).stream()
                .filter(e -> e.getDuration().compareTo(LONG) >= 0).findFirst().orElseThrow();
        assertThat(events(EventNames.TASK_POLL)).as("no poll overlaps the park")
                .allSatisfy(e -> assertThat(!e.getEndTime().isAfter(park.getStartTime())
                        || !e.getStartTime().isBefore(park.getEndTime())).isTrue());
    }

    @Test
    void aWatchedWorkersWindowStopsWhenItsThreadTurnsToAnotherPoolsWork() throws Exception {
        WorkerProbe w = watchedWorker();
        FakePool other = new FakePool("other-" + System.nanoTime());
        WorkerProbe o = other.attachWorker(Thread.currentThread()); // timed: its long poll is exact
        fine(w, 1);
        w.leave();
        o.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        hold(LONG);
        o.pollEnd();
        fine(w, 2 * PollTimer.STAMP_EVERY);

        assertThat(events(EventNames.TASK_POLL)).as("the other pool's poll is not this worker's")
                .noneMatch(e -> e.getDuration().compareTo(LONG) >= 0);
    }

    @Test
    void aPollPastTheThresholdIsReportedInProgressWithItsStackAndAgainWhenItsRunningTimeDoubles() throws Exception {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t0 = System.nanoTime();
        watchdog.tick(t0);
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        watchdog.tick(t0 + 2 * MS); // first seen: it started after t0
        watchdog.tick(t0 + 9 * MS);
        watchdog.tick(t0 + 12 * MS); // past 10 ms
        watchdog.tick(t0 + 19 * MS);
        watchdog.tick(t0 + 31 * MS); // past 20 ms: missed ticks only delay the report
        watchdog.tick(t0 + 35 * MS);
        w.pollEnd();

        List<RecordedEvent> reports = events(EventNames.POLL_IN_PROGRESS);
        assertThat(reports).extracting(e -> e.getDuration("runningTime"))
                .containsExactly(Duration.ofMillis(12), Duration.ofMillis(31));
        assertThat(reports.get(0).getString("stack")).contains(WatchdogTest.class.getName());
        assertThat(reports.get(0).getClass("taskClass").getName()).isEqualTo(Runnable.class.getName());
    }

    @Test
    void aPollAlreadyReportedIsReportedAgainAtOnceIntoARecordingThatStartsWhileItRuns() throws Exception {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t0 = System.nanoTime();
        watchdog.tick(t0);
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        watchdog.tick(t0 + 2 * MS);
        watchdog.tick(t0 + 12 * MS); // past 10 ms: reported; next when it doubles, at 24 ms
        watchdog.tick(t0 + 14 * MS);
        try (Recording stream = new Recording()) { // a stream opened on the JVM while the poll runs
            stream.enable(EventNames.POLL_IN_PROGRESS);
            long before = RecordingMode.recordingStarts();
            stream.start();
            await().until(() -> RecordingMode.recordingStarts() != before);
            watchdog.tick(t0 + 15 * MS);
            watchdog.tick(t0 + 16 * MS);
            w.pollEnd();
            stream.stop();
            Path file = dir.resolve("stream.jfr");
            stream.dump(file);
            assertThat(RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(EventNames.POLL_IN_PROGRESS)))
                    .extracting(e -> e.getDuration("runningTime")).containsExactly(Duration.ofMillis(15));
        }
        assertThat(events(EventNames.POLL_IN_PROGRESS)).extracting(e -> e.getDuration("runningTime"))
                .containsExactly(Duration.ofMillis(12), Duration.ofMillis(15));
    }

    @Test
    void itBacksOffWhileEveryWorkerTimesItsOwnPollsAndNoPollOutlastsATick_andComesBackWhenOneDoes() {
        noPollIsLong();
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t = w.watch.decidedAt;
        List<Long> periods = new ArrayList<>();
        w.leanPollStart(Runnable.class);
        for (int i = 0; i < 6; i++) { // request-like polls: a new one running at every tick
            w.leanPollEnd(null);
            w.leanPollStart(Runnable.class);
            t += 2 * MS;
            watchdog.tick(t);
            periods.add(watchdog.nextPeriod());
        }
        assertThat(w.watch.timed).isTrue();
        assertThat(periods).containsExactly(10 * MS, 20 * MS, 40 * MS, 40 * MS, 40 * MS, 40 * MS);
        watchdog.tick(t + MS); // the same poll still running: it may pass the threshold
        assertThat(watchdog.nextPeriod()).isEqualTo(Watchdog.PERIOD_NANOS);
        w.leanPollEnd(null);
        watchdog.tick(t + 2 * MS); // idle now
        assertThat(watchdog.nextPeriod()).isEqualTo(10 * MS);
        fine(w, 5000);
        watchdog.tick(t + 3 * MS); // 5007 polls in 15 ms: watched, and it finds its unseen long polls itself
        assertThat(w.watch.timed).isFalse();
        assertThat(watchdog.nextPeriod()).isEqualTo(4 * Watchdog.PERIOD_NANOS);
        watchdog.tick(t + 4 * MS);
        assertThat(w.watch.timed).as("idle for a whole period: timed").isTrue();
        assertThat(watchdog.nextPeriod()).isEqualTo(8 * Watchdog.PERIOD_NANOS);
    }

    @Test
    void aLongPollItsWorkerRecordedKeepsTheWatchdogAtItsPeriodForASecond_soThatTheNextIsSeenRunning() {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        assertThat(w.watch.timed).isTrue();
        long t = w.watch.decidedAt;
        watchdog.tick(t + MS); // idle: it backs off
        assertThat(watchdog.nextPeriod()).isEqualTo(2 * Watchdog.PERIOD_NANOS);
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        hold(LONG); // over the TaskPoll threshold, and between two ticks: no tick sees it running
        w.pollEnd();
        watchdog.tick(t + 2 * MS);
        assertThat(watchdog.nextPeriod()).as("the worker's hint").isEqualTo(Watchdog.PERIOD_NANOS);
        watchdog.tick(t + 2 * MS + Watchdog.HOLD_NANOS - MS);
        assertThat(watchdog.nextPeriod()).as("held").isEqualTo(Watchdog.PERIOD_NANOS);
        watchdog.tick(t + 2 * MS + Watchdog.HOLD_NANOS);
        assertThat(watchdog.nextPeriod()).as("held no longer").isEqualTo(2 * Watchdog.PERIOD_NANOS);
    }

    @Test
    void anIdleWorkerIsTimedAtTheWatchdogsFirstLookOrAfterAWholeIdlePeriod_soThatIdleThreadsLetItBackOff() {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        watchdog.release(); // as when a recording stopped: the worker is no longer timed
        assertThat(w.watch.timed).isFalse();
        Watchdog next = new Watchdog(() -> List.of(pool), System::nanoTime); // the next recording's
        long t = w.watch.decidedAt;
        next.tick(t + MS);
        assertThat(w.watch.timed).as("idle, no evidence: timed, as a worker starting under a recording").isTrue();
        assertThat(next.nextPeriod()).isEqualTo(2 * Watchdog.PERIOD_NANOS);
        fine(w, 5000);
        next.tick(t + 2 * MS);
        assertThat(w.watch.timed).as("then decided on its polls as usual").isFalse();
        w.leanPollStart(Runnable.class);
        next.tick(t + 3 * MS);
        assertThat(w.watch.timed).as("in a poll: stays watched").isFalse();
        w.leanPollEnd(null);
        fine(w, 5000);
        next.tick(t + 4 * MS);
        assertThat(w.watch.timed).as("fine polls since the tick before: stays watched").isFalse();
    }

    @Test
    void aPollFirstSeenAfterABackedOffPeriodIsReportedOnlyOnceSeenRunningForTheThresholdLessAPeriod() throws Exception {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t0 = System.nanoTime();
        watchdog.tick(t0);
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        watchdog.tick(t0 + 40 * MS); // first seen 40 ms after the tick before: it may have started just now
        watchdog.tick(t0 + 44 * MS); // seen running for 4 ms: under 10 ms if it started when first seen
        assertThat(events(EventNames.POLL_IN_PROGRESS)).isEmpty();
        watchdog.tick(t0 + 46 * MS); // seen for 5 ms or more, as a poll first seen one period after its start
        w.pollEnd();

        assertThat(events(EventNames.POLL_IN_PROGRESS)).extracting(e -> e.getDuration("runningTime"))
                .as("counted from the tick before it was first seen: at most that period more than the truth")
                .containsExactly(Duration.ofMillis(46));
    }

    @Test
    void aPollRunningForSecondsGetsAStackWhenPollsJustOverTheThresholdTookTheSecondsOthers() throws Exception {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        StallReporter reporter = new StallReporter();
        long now = System.nanoTime();
        for (int i = 0; i <= StallReporter.STACKS_PER_SECOND; i++) { // a busy machine's polls just over 10 ms
            reporter.report(w, w.sequence(), 12 * MS, true, now + i * MS, false);
        }
        // first seen 1.3 s late by a starved watchdog, in the same second
        reporter.report(w, w.sequence(), 1300 * MS, true, now + 20 * MS, false);
        w.pollEnd();

        List<String> stacks = events(EventNames.POLL_IN_PROGRESS).stream().map(e -> e.getString("stack")).toList();
        assertThat(stacks).hasSize(StallReporter.STACKS_PER_SECOND + 2);
        assertThat(stacks.subList(0, StallReporter.STACKS_PER_SECOND))
                .allSatisfy(s -> assertThat(s).contains(WatchdogTest.class.getName()));
        assertThat(stacks.get(StallReporter.STACKS_PER_SECOND)).as("the first-report budget is spent").isEmpty();
        assertThat(stacks.get(StallReporter.STACKS_PER_SECOND + 1)).contains(WatchdogTest.class.getName());
    }

    /**
     * A poll reported with no stack (here: its thread had not started, so the JVM had none to give) is
     * reported once more as soon as a retry, {@link StallReporter#RETRY_NANOS} after the last report, gets
     * the stack; a retry that gets none writes nothing.
     */
    @Test
    void aPollReportedWithoutItsStackIsReportedOnceMoreWhenARetryGetsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread later = new Thread(() -> waitingForTheTest(release), "stack-later");
        Thread never = new Thread(() -> { }, "stack-never");
        WorkerProbe a = pool.attachWorker(later);
        WorkerProbe b = pool.attachWorker(never);
        long t0 = System.nanoTime();
        watchdog.tick(t0);
        a.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        b.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        for (long ms : new long[] {2, 12, 20, 40, 80, 160, 200}) { // reports at 12, 20, 40, 80 and 160 ms
            watchdog.tick(t0 + ms * MS);
        }
        later.start();
        await().until(() -> later.getState() == Thread.State.WAITING);
        watchdog.tick(t0 + 262 * MS); // 100 ms after the last report, before the next (320 ms)
        watchdog.tick(t0 + 300 * MS);
        release.countDown();
        later.join();
        a.pollEnd();
        b.pollEnd();

        List<RecordedEvent> reports = events(EventNames.POLL_IN_PROGRESS);
        List<RecordedEvent> ofA = reports.stream().filter(e -> e.getInt("worker") == a.index()).toList();
        List<RecordedEvent> ofB = reports.stream().filter(e -> e.getInt("worker") == b.index()).toList();
        assertThat(ofB).extracting(e -> e.getDuration("runningTime").toMillis()).containsExactly(12L, 20L, 40L, 80L, 160L);
        assertThat(ofB).allSatisfy(e -> assertThat(e.getString("stack")).isEmpty());
        assertThat(ofA).extracting(e -> e.getDuration("runningTime").toMillis())
                .containsExactly(12L, 20L, 40L, 80L, 160L, 262L);
        assertThat(ofA.subList(0, 5)).allSatisfy(e -> assertThat(e.getString("stack")).isEmpty());
        assertThat(ofA.get(5).getString("stack")).contains(WatchdogTest.class.getName() + ".waitingForTheTest");
    }

    @Test
    void aLongPollWhoseClockATickReadRecordsTheCpuTimeItsThreadUsedFromThenToItsEnd() throws Exception {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        watchdog.tick(System.nanoTime());
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        watchdog.tick(System.nanoTime()); // first seen, with no long poll of late: not read yet
        assertThat(w.watch.cpuRead).isFalse();
        watchdog.tick(System.nanoTime()); // still running: read
        assertThat(w.watch.cpuRead).isTrue();
        spin(LONG);
        w.pollEnd();
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        watchdog.tick(System.nanoTime()); // a long poll just ended: read at first sight
        assertThat(w.watch.cpuRead).isTrue();
        hold(LONG); // parked: off CPU
        w.pollEnd();

        RecordedEvent spun = events(EventNames.TASK_POLL).get(0);
        RecordedEvent parked = events(EventNames.TASK_POLL).get(1);
        List<RecordedEvent> cpu = events(EventNames.POLL_CPU_TIME);
        assertThat(cpu).hasSize(2).allSatisfy(e -> {
            assertThat(e.getInt("worker")).isEqualTo(w.index());
            assertThat(e.getThread().getJavaThreadId()).isEqualTo(Thread.currentThread().getId());
            assertThat(e.getDuration("cpuTime")).isLessThanOrEqualTo(e.getDuration());
        });
        assertThat(cpu.get(0).getStartTime()).isAfterOrEqualTo(spun.getStartTime()).isBefore(spun.getEndTime());
        assertThat(cpu.get(0).getEndTime()).isAfterOrEqualTo(spun.getEndTime()).isBefore(parked.getStartTime());
        assertThat(cpu.get(0).getDuration("cpuTime")).as("a spinning thread uses CPU").isPositive();
        assertThat(cpu.get(1).getStartTime()).isAfterOrEqualTo(parked.getStartTime());
        assertThat(cpu.get(1).getDuration("cpuTime")).as("a parked thread uses next to none")
                .isLessThan(cpu.get(1).getDuration().dividedBy(2));
    }

    @Test
    void aPollUnderTheThresholdRecordsNoCpuTime_evenWhenATickReadItsClock() throws Exception {
        noPollIsLong();
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        watchdog.tick(System.nanoTime());
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
        watchdog.tick(System.nanoTime());
        watchdog.tick(System.nanoTime());
        assertThat(w.watch.cpuRead).isTrue();
        w.pollEnd();

        assertThat(events(EventNames.POLL_CPU_TIME)).isEmpty();
    }

    @Test
    void aTickReadsAtMostItsShareOfClocks_andTheNextReadsThoseLeft_eachPollOnce() {
        List<WorkerProbe> workers = new ArrayList<>();
        for (int i = 0; i < Watchdog.CPU_READS_PER_TICK + 3; i++) {
            workers.add(pool.attachWorker(Thread.currentThread()));
        }
        long t = System.nanoTime();
        watchdog.tick(t);
        workers.forEach(w -> w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class));
        watchdog.tick(t + MS);
        assertThat(workers).as("first seen, with no long poll of late").noneMatch(w -> w.watch.cpuRead);
        watchdog.tick(t + 2 * MS);
        assertThat(workers).filteredOn(w -> w.watch.cpuRead).hasSize(Watchdog.CPU_READS_PER_TICK);
        watchdog.tick(t + 3 * MS);
        assertThat(workers).allMatch(w -> w.watch.cpuRead);
        workers.forEach(WorkerProbe::pollEnd);
    }

    /** A point in time on JFR's clock, inside a poll: a window that holds the poll holds both markers. */
    @jdk.jfr.Name("taskflight.test.Marker")
    @jdk.jfr.StackTrace(false)
    static final class Marker extends jdk.jfr.Event {
        String at;

        static void at(String at) {
            Marker m = new Marker();
            m.at = at;
            m.commit();
        }
    }

    /** @return the one window recorded, named as no tick saw it, that holds both markers */
    private RecordedEvent unseenContaining(String type) throws Exception {
        Path file = dir.resolve("markers.jfr");
        recording.dump(file);
        List<RecordedEvent> all = RecordingFile.readAllEvents(file);
        RecordedEvent start = marker(all, "start");
        RecordedEvent end = marker(all, "end");
        List<RecordedEvent> windows = events(type).stream()
                .filter(e -> e.getString("taskName").startsWith("(not seen running"))
                .filter(e -> !e.getStartTime().isAfter(start.getStartTime()) && !e.getEndTime().isBefore(end.getStartTime()))
                .toList();
        assertThat(windows).hasSize(1);
        return windows.get(0);
    }

    private static RecordedEvent marker(List<RecordedEvent> all, String at) {
        return all.stream().filter(e -> e.getEventType().getName().equals("taskflight.test.Marker"))
                .filter(e -> at.equals(e.getString("at"))).findFirst().orElseThrow();
    }

    /** @return whether a worker of the pool left the watchdog its hint since the last tick */
    private boolean watchdogHinted() {
        return pool.longPollEnded;
    }

    private static void waitingForTheTest(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Raises the recording's {@code TaskPoll} threshold out of reach: the test's polls are short, but a
     * busy machine can deschedule one past 10 ms, and a long poll its worker records holds the watchdog
     * at its period ({@link Watchdog#HOLD_NANOS}).
     */
    private void noPollIsLong() {
        recording.enable(EventNames.TASK_POLL).withThreshold(Duration.ofHours(1));
    }

    /** @return the test thread as a worker the watchdog has decided to watch, not time */
    private WorkerProbe watchedWorker() {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        long t0 = w.watch.decidedAt; // the watchdog's clock: the worker's attach time
        fine(w, 1000);
        watchdog.tick(t0 + MS);
        assertThat(w.watch.timed).isFalse();
        return w;
    }

    private static void fine(WorkerProbe w, int polls) {
        for (int i = 0; i < polls; i++) {
            w.leanPollStart(Object.class);
            w.leanPollEnd(null);
        }
    }

    private static long spin(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long x = 1;
        while (System.nanoTime() < deadline) {
            x = x * 31 + 7;
        }
        return x;
    }

    private static void hold(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private RecordedEvent single(String type) throws Exception {
        List<RecordedEvent> events = events(type);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private List<RecordedEvent> events(String type) throws Exception {
        Path file = dir.resolve(type + ".jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(type))
                .filter(e -> pool.name().equals(PoolField.read(e.getString("pool"))))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime))
                .toList();
    }
}
