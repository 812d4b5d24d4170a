package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The side table of sampled submissions of tasks the recorder does not wrap. */
class SampledSubmissionsTest {

    @AfterEach
    void empty() {
        SampledSubmissions.clear();
    }

    @Test
    void aRememberedTaskGivesItsSubmitTimeOnceToTheWorkerThatStartsIt() {
        Object task = new Object();
        SampledSubmissions.remember(task, 1234);
        assertThat(SampledSubmissions.take(new Object())).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
        assertThat(SampledSubmissions.take(task)).isEqualTo(1234);
        assertThat(SampledSubmissions.take(task)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
        assertThat(SampledSubmissions.size()).isZero();
    }

    @Test
    void aFullTableRemembersNoMoreUntilTasksStart() {
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i <= SampledSubmissions.SLOTS; i++) {
            tasks.add(new Object());
            SampledSubmissions.remember(tasks.get(i), 100 + i);
        }
        assertThat(SampledSubmissions.size()).isEqualTo(SampledSubmissions.SLOTS);
        Object late = tasks.get(SampledSubmissions.SLOTS);
        assertThat(SampledSubmissions.take(late)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
        assertThat(SampledSubmissions.take(tasks.get(3))).isEqualTo(103);
        SampledSubmissions.remember(late, 500);
        assertThat(SampledSubmissions.take(late)).isEqualTo(500);
    }

    @Test
    void oldEntriesLeaveWhenTheNextTaskIsRememberedAndAllLeaveWhenRecordingStops() {
        Object old = new Object();
        SampledSubmissions.remember(old, 0);
        Object recent = new Object();
        SampledSubmissions.remember(recent, SampledSubmissions.MAX_AGE_NANOS + 1);
        assertThat(SampledSubmissions.take(old)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
        assertThat(SampledSubmissions.size()).isEqualTo(1);
        SampledSubmissions.clear();
        assertThat(SampledSubmissions.take(recent)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
    }

    @Test
    void nothingIsSampledWhileNoRecordingRuns() {
        assertThat(RecordingMode.recording()).isFalse();
        for (int i = 0; i < 4 * SubmitStamps.interval(); i++) {
            assertThat(SampledSubmissions.sample()).isFalse();
        }
    }
}
