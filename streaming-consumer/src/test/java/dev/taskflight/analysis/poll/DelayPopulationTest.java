package dev.taskflight.analysis.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.analysis.live.IntervalAnalyzer;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.IntervalReport;
import dev.taskflight.analysis.live.PoolSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.consumer.EventStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduling-delay population is counted once per task: a task whose delay is both sampled and
 * carried by its poll event (as the recorder writes them for a long poll, or in trace mode) counts once.
 */
class DelayPopulationTest {

    static final String POOL = "delays";
    static final int BOTH = 64;
    static final int SAMPLE_ONLY = 10;
    static final int POLL_ONLY = 6;
    static final Duration INTERVAL = Duration.ofMillis(100);
    static AnalysisReport report;

    @BeforeAll
    static void record() throws Exception {
        Path file = Recordings.recordTrace("delay-population.jfr", () -> {
            Thread worker = new Thread(DelayPopulationTest::work, POOL + "-worker-0");
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        report = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
    }

    /**
     * What the recorder writes on one worker, in its order: a task's sample as its poll starts (in
     * nanoseconds), its poll as it ends (in whole microseconds).
     */
    static void work() {
        long delay = 1_000_000L;
        for (int i = 0; i < BOTH; i++) {
            delay += 1_237; // not whole microseconds: the poll's copy is the sample rounded down
            sample(delay);
            poll(delay);
        }
        for (int i = 0; i < SAMPLE_ONLY; i++) {
            delay += 1_000;
            sample(delay);
        }
        for (int i = 0; i < POLL_ONLY; i++) {
            delay += 1_000;
            poll(delay);
        }
        sample(delay + 1_000);
        poll(delay); // a later task whose delay equals an earlier one's, after another task's sample: both count
    }

    static void sample(long delay) {
        SchedulingDelaySampleEvent e = new SchedulingDelaySampleEvent();
        e.pool = POOL;
        e.worker = 0;
        e.schedulingDelay = delay;
        e.samplingInterval = 1;
        e.commit();
    }

    static void poll(long delay) {
        TaskPollEvent e = new TaskPollEvent();
        e.begin();
        e.end();
        e.pool = PoolField.write(POOL);
        e.worker = 0;
        e.schedulingDelay = TaskPollEvent.delayOf(delay);
        e.commit();
    }

    @Test
    void aSampleAndItsPollEventInTwoIntervalsOfAStreamAreCountedOnce() throws Exception {
        int tasks = 3;
        Path file = Recordings.recordTrace("delay-population-intervals.jfr", () -> {
            Thread worker = new Thread(() -> {
                for (int i = 1; i <= tasks; i++) {
                    sample(i * 1_000_000L);
                    long until = System.nanoTime() + INTERVAL.toNanos() * 2; // its poll ends in a later interval
                    while (System.nanoTime() < until) {
                        LockSupport.parkNanos(until - System.nanoTime());
                    }
                    poll(i * 1_000_000L);
                }
            }, POOL + "-worker-0");
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<IntervalReport> intervals = new ArrayList<>();
        IntervalAnalyzer live = new IntervalAnalyzer(IntervalOptions.DEFAULT.withInterval(INTERVAL), file.toString(),
                intervals::add);
        try (EventStream stream = EventStream.openFile(file)) {
            live.register(stream);
            stream.start();
        }
        assertThat(intervals).hasSizeGreaterThan(tasks);
        long streamed = intervals.stream().flatMap(r -> r.pools().stream()).filter(p -> p.pool().equals(POOL))
                .mapToLong(PoolSnapshot::delayCount).sum();
        assertThat(streamed).isEqualTo(tasks);
    }

    @Test
    void aTaskWithASampleAndAPollEventCarryingTheSameDelayIsCountedOnce() {
        PoolReport pool = report.pools().stream().filter(p -> p.name().equals(POOL)).findFirst().orElseThrow();
        assertThat(pool.delay().count()).isEqualTo(BOTH + SAMPLE_ONLY + POLL_ONLY + 2);
        assertThat(pool.workers()).singleElement()
                .satisfies(w -> assertThat(w.delay().count()).isEqualTo(pool.delay().count()));
    }
}
