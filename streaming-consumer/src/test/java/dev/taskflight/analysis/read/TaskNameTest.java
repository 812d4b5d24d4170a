package dev.taskflight.analysis.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.poll.TaskPollEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskNameTest {

    @TempDir
    Path dir;

    @Test
    void aPollNamesItsTaskByTheRecordedLambdaNameElseByItsClass() throws Exception {
        Path jfr = dir.resolve("names.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(TaskPollEvent.class).withoutThreshold();
            recording.start();
            poll(Runnable.class, "com.acme.Orders.submit (lambda 0)");
            poll(Integer.class, null);
            poll(null, null);
            recording.stop();
            recording.dump(jfr);
        }
        RecordedEventView view = new RecordedEventView();
        List<String> names = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .map(e -> view.of(e).taskName())
                .collect(Collectors.toList());
        assertThat(names).containsExactly("com.acme.Orders.submit (lambda 0)", "java.lang.Integer", null);
    }

    private static void poll(Class<?> taskClass, String taskName) {
        TaskPollEvent event = new TaskPollEvent();
        event.pool = "p";
        event.taskClass = taskClass;
        event.taskName = taskName;
        event.commit();
    }
}
