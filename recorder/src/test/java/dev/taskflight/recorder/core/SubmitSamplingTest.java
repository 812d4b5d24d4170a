package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.ForkJoinPoolProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** A worker's own countdown decides which of its submissions have their delay measured in production. */
class SubmitSamplingTest {

    @Test
    void aWorkerSamplesOneSubmissionInEachRunOfAtMostTwiceTheInterval() {
        int interval = SubmitStamps.interval();
        WorkerProbe w = new ForkJoinPoolProbe("sampling", ForkJoinPool.commonPool(), Instrumentation.LIBRARY)
                .attachWorker(Thread.currentThread());
        List<Integer> sampledAt = new ArrayList<>();
        int submissions = 40 * interval;
        for (int i = 0; i < submissions; i++) {
            if (w.sampleSubmission()) {
                sampledAt.add(i);
            }
        }
        assertThat(sampledAt).isNotEmpty();
        assertThat(sampledAt.get(0)).isLessThan(2 * interval - 1);
        for (int i = 1; i < sampledAt.size(); i++) {
            assertThat(sampledAt.get(i) - sampledAt.get(i - 1)).isBetween(1, 2 * interval - 1);
        }
        assertThat(submissions - sampledAt.get(sampledAt.size() - 1)).isLessThanOrEqualTo(2 * interval - 1);
        // about one in interval: 40 expected, a random walk of 40 uniform gaps stays well within 20..80
        assertThat(sampledAt.size()).isBetween(20, 80);
    }

    @Test
    void countdownsAverageTheInterval() {
        int interval = SubmitStamps.interval();
        long sum = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            int c = SubmitStamps.nextCountdown();
            assertThat(c).isBetween(1, 2 * interval - 1);
            sum += c;
        }
        assertThat((double) sum / n).isBetween(interval * 0.9, interval * 1.1);
    }

    @Test
    void withNoRecordingAnUnsampledSubmissionTakesNoSubmitTime() {
        WorkerProbe w = new ForkJoinPoolProbe("unsampled", ForkJoinPool.commonPool(), Instrumentation.LIBRARY)
                .attachWorker(Thread.currentThread());
        assertThat(RecordingMode.trace()).isFalse();
        int stamped = 0;
        int submissions = 2 * SubmitStamps.interval() - 1;
        for (int i = 0; i < submissions; i++) {
            if (SubmitStamps.stamp(w) != WorkerProbe.NO_SUBMIT_TIME) {
                stamped++;
            }
        }
        assertThat(stamped).isPositive().isLessThan(submissions / 8);
    }
}
