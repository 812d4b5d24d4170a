package dev.taskflight.analysis.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.TaskPollV1;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;
import dev.taskflight.events.poll.TaskPollEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskNameTest {

    @TempDir
    Path dir;

    @Test
    void aVersion1PollNamesItsTaskByTheRecordedLambdaNameElseByItsClass() throws Exception {
        List<String> names = names(() -> {
            pollV1(Runnable.class, "com.acme.Orders.submit (lambda 0)");
            pollV1(Integer.class, null);
            pollV1(null, null);
        });
        assertThat(names).containsExactly("com.acme.Orders.submit (lambda 0)", "java.lang.Integer", null);
    }

    @Test
    void aVersion2PollNamesItsTaskByItsNameAlone() throws Exception {
        List<String> names = names(() -> {
            poll("com.acme.Orders.submit (lambda 0)");
            poll("java.lang.Integer");
            poll(null);
        });
        assertThat(names).containsExactly("com.acme.Orders.submit (lambda 0)", "java.lang.Integer", null);
    }

    @Test
    void aPollsDelayReadsInNanosecondsFromBothVersions_andUnmeasuredStaysUnmeasured() throws Exception {
        Path jfr = record(() -> {
            TaskPollV1 v1 = new TaskPollV1();
            v1.schedulingDelay = 1_234_567;
            v1.commit();
            TaskPollEvent v2 = new TaskPollEvent();
            v2.schedulingDelay = TaskPollEvent.delayOf(1_234_567);
            v2.commit();
            TaskPollV1 unknown1 = new TaskPollV1();
            unknown1.schedulingDelay = Long.MIN_VALUE;
            unknown1.commit();
            TaskPollEvent unknown2 = new TaskPollEvent();
            unknown2.schedulingDelay = TaskPollEvent.delayOf(TaskPollEvent.UNKNOWN_DELAY);
            unknown2.commit();
        });
        RecordedEventView view = new RecordedEventView();
        List<Long> delays = polls(jfr).stream().map(e -> view.of(e).getNanos(FieldNames.SCHEDULING_DELAY, -1))
                .collect(Collectors.toList());
        assertThat(delays).containsExactly(1_234_567L, 1_234_000L, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    private List<String> names(Runnable polls) throws Exception {
        RecordedEventView view = new RecordedEventView();
        return polls(record(polls)).stream().map(e -> view.of(e).taskName()).collect(Collectors.toList());
    }

    private Path record(Runnable polls) throws Exception {
        Path jfr = dir.resolve("names.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(EventNames.TASK_POLL).withoutThreshold(); // both versions' types
            recording.start();
            polls.run();
            recording.stop();
            recording.dump(jfr);
        }
        return jfr;
    }

    private static List<RecordedEvent> polls(Path jfr) throws Exception {
        return RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL)).collect(Collectors.toList());
    }

    private static void pollV1(Class<?> taskClass, String taskName) {
        TaskPollV1 event = new TaskPollV1();
        event.pool = "p";
        event.taskClass = taskClass;
        event.taskName = taskName;
        event.commit();
    }

    private static void poll(String taskName) {
        TaskPollEvent event = new TaskPollEvent();
        event.pool = "p";
        event.taskName = taskName;
        event.commit();
    }
}
