package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.poll.TaskPollEvent;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeanPathTest {

    @TempDir
    Path dir;

    @Test
    void onlyUnsampledPollsThatAreNotStealsTakeTheLeanPath() {
        WorkerProbe w = new FakePool("lean-choice").attachWorker(Thread.currentThread());
        await().until(() -> !RecordingMode.trace()); // no trace recording of an earlier test
        assertThat(w.lean(WorkerProbe.NO_SUBMIT_TIME, -1)).isTrue();
        assertThat(w.lean(WorkerProbe.NO_SUBMIT_TIME, w.index())).as("its own submission").isTrue();
        assertThat(w.lean(System.nanoTime(), -1)).as("a sampled delay").isFalse();
        assertThat(w.lean(WorkerProbe.NO_SUBMIT_TIME, w.index() + 1)).as("a steal").isFalse();
    }

    @Test
    void leanPollsAreCountedLikeFullOnesAndATaskRunInsideOneIsPartOfIt() {
        WorkerProbe w = new FakePool("lean-count").attachWorker(Thread.currentThread());
        for (int i = 0; i < 3; i++) {
            w.leanPollStart(this);
            w.leanPollStart(this); // a task run inside the task
            w.leanPollEnd(null);
            assertThat(w.inOutermostPoll()).isTrue();
            w.leanPollEnd(null);
            w.pollStart(System.nanoTime(), this);
            w.pollEnd(Runnable.class);
        }
        assertThat(w.polls()).isEqualTo(6);
        assertThat(w.sequence() & 1).as("not in a poll").isZero();
    }

    @Test
    void aLongLeanPollIsRecordedWithItsTaskAndWithoutTheDelayOfTheFullPollBeforeIt() throws Exception {
        Path file = dir.resolve("lean.jfr");
        try (Recording r = new Recording()) {
            r.enable(EventNames.TASK_POLL).withThreshold(java.time.Duration.ZERO);
            r.start();
            WorkerProbe w = new FakePool("lean-handoff").attachWorker(Thread.currentThread());
            w.mountStart(System.nanoTime() - 5_000_000, Thread.currentThread()); // a measured delay, a mount
            w.pollEnd(Runnable.class);

            w.leanPollStart(this);
            w.handOff(w.sequence()); // what the watchdog does for a long poll
            w.leanPollEnd(null);
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> polls = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .filter(e -> "lean-handoff".equals(PoolField.read(e.getString("pool"))))
                .filter(e -> LeanPathTest.class.getName().equals(e.getString("taskName"))).toList();
        assertThat(polls).as("the lean poll, named by its task").hasSize(1);
        RecordedEvent e = polls.get(0);
        assertThat(e.getLong("schedulingDelay")).isEqualTo(TaskPollEvent.UNKNOWN_DELAY);
        assertThat(e.getThread("virtualThread")).isNull();
    }
}
