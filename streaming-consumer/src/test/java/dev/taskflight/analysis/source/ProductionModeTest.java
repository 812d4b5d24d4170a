package dev.taskflight.analysis.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.poll.PollInProgressEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recorder's production mode: sampled scheduling delays, and the watchdog's stacks of long polls. */
class ProductionModeTest {

    static final String POOL = "prod";
    static final String WATCHDOG_FRAME = "com.example.WatchdogSaw.thisFrame";
    static volatile double sink;
    static AnalysisReport report;

    @BeforeAll
    static void record() throws Exception {
        Path file = Recordings.recordProduction("production.jfr", ProductionModeTest::workload);
        report = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
    }

    static void workload() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch seen = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            TaskPollEvent poll = new TaskPollEvent();
            poll.begin();
            started.countDown();
            long minimum = System.nanoTime() + 60_000_000L;
            while (seen.getCount() > 0 || System.nanoTime() < minimum) {
                sink = Math.sqrt(sink + 1);
            }
            poll.end();
            poll.pool = PoolField.write(POOL);
            poll.worker = 0;
            poll.schedulingDelay = TaskPollEvent.UNKNOWN_DELAY;
            poll.commit();
        }, POOL + "-worker-0");
        worker.start();
        await(started);
        PollInProgressEvent stuck = new PollInProgressEvent();
        stuck.pool = POOL;
        stuck.worker = 0;
        stuck.workerThread = worker;
        stuck.runningTime = 10_000_000L;
        stuck.stack = WATCHDOG_FRAME + "(WatchdogSaw.java:7)\ncom.example.Task.run(Task.java:3)\n";
        stuck.commit();
        seen.countDown();
        for (int i = 0; i < 20; i++) {
            SchedulingDelaySampleEvent delay = new SchedulingDelaySampleEvent();
            delay.pool = POOL;
            delay.worker = 0;
            delay.schedulingDelay = 7_000_000L;
            delay.samplingInterval = 1024;
            delay.commit();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theWatchdogsStackNamesTheFrameOfTheLongPoll() {
        LongPoll poll = report.longPolls().get(0);
        assertThat(poll.pool()).isEqualTo(POOL);
        assertThat(poll.explanation().topFrames()).anyMatch(f -> f.frame().equals(WATCHDOG_FRAME));
    }

    @Test
    void sampledSchedulingDelaysMakeThePercentilesAndTheFinding() {
        PoolReport pool = report.pools().get(0);
        assertThat(pool.delay().count()).isEqualTo(20);
        assertThat(pool.delay().p99()).isBetween(6_900_000L, 7_100_000L);
        assertThat(pool.pollEvents()).isEqualTo(1);
        assertThat(report.findings()).anyMatch(f -> f.type().equals("scheduling-delay")
                && f.severity() == Severity.WARNING && f.pool().equals(POOL));
    }

    @Test
    void aStackLineIsReducedToTypeAndMethod() {
        assertThat(dev.taskflight.analysis.explain.PollInProgressHandlerAccess.innermost(
                "java.base/java.lang.Thread.sleep(Native Method)\nx.Y.z(Y.java:1)")).isEqualTo("java.lang.Thread.sleep");
        assertThat(dev.taskflight.analysis.explain.PollInProgressHandlerAccess.innermost("\tat a.B.c(B.java:9)"))
                .isEqualTo("a.B.c");
        assertThat(dev.taskflight.analysis.explain.PollInProgressHandlerAccess.innermost("")).isNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
