package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mount's poll keeps its virtual thread as its task only: its long poll still names the virtual
 * thread, and a poll whose task merely is a {@code Thread} (a {@code Runnable} like any other) is
 * never taken for a mount.
 */
class MountPollTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("deprecation") // Thread.getId: the module compiles for JDK 17
    void aLongMountNamesItsVirtualThreadAndAThreadRunAsATaskIsNoMount() throws Exception {
        Path file = dir.resolve("mounts.jfr");
        Thread mounted = Thread.currentThread(); // stands for the virtual thread: the probe takes any thread
        Thread runAsTask = new Thread(() -> { }, "a-thread-submitted-as-a-runnable");
        try (Recording r = new Recording()) {
            r.enable(EventNames.TASK_POLL).withThreshold(Duration.ZERO);
            r.start();
            WorkerProbe w = new FakePool("mount-polls").attachWorker(Thread.currentThread());
            for (Object[] poll : new Object[][] {{true, Runnable.class}, {false, String.class},
                    {true, Integer.class}}) {
                if ((boolean) poll[0]) {
                    w.mountStart(WorkerProbe.NO_SUBMIT_TIME, mounted);
                    assertThat(w.currentVirtualThread()).isSameAs(mounted);
                } else {
                    w.pollStart(WorkerProbe.NO_SUBMIT_TIME, runAsTask);
                    assertThat(w.currentVirtualThread()).isNull();
                }
                w.handOff(w.sequence()); // what the watchdog does for a long poll: the poll is recorded
                w.pollEnd((Class<?>) poll[1]);
                assertThat(w.currentVirtualThread()).as("between polls").isNull();
            }
            r.stop();
            r.dump(file);
        }
        Map<String, Optional<RecordedThread>> byTask = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .filter(e -> "mount-polls".equals(PoolField.read(e.getString("pool"))))
                .collect(Collectors.toMap(e -> e.getString("taskName"), MountPollTest::virtualThread));
        assertThat(byTask).containsOnlyKeys(Runnable.class.getName(), String.class.getName(),
                Integer.class.getName());
        assertThat(List.of(byTask.get(Runnable.class.getName()), byTask.get(Integer.class.getName())))
                .allSatisfy(t -> assertThat(t).hasValueSatisfying(
                        v -> assertThat(v.getJavaThreadId()).isEqualTo(mounted.getId())));
        assertThat(byTask.get(String.class.getName())).as("no mount").isEmpty();
    }

    private static Optional<RecordedThread> virtualThread(RecordedEvent e) {
        return Optional.ofNullable(e.getThread("virtualThread"));
    }
}
