package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code TaskPoll} holds its pool's name padded to the length JFR string-pools ({@link PoolField}), so
 * that a short name costs a poll a reference instead of its characters; the pool's other events hold
 * the name as it is.
 */
class PollPoolFieldTest {

    @TempDir
    Path dir;

    @Test
    void aPollOfAPoolWithAShortNameHoldsItPaddedAndAPollOfALongNameHoldsItAsItIs() throws Exception {
        Path file = dir.resolve("names.jfr");
        PoolProbe shortName = new FakePool("ab-12");
        PoolProbe longName = new FakePool("a-pool-named-at-length");
        try (Recording r = new Recording()) {
            r.enable(EventNames.TASK_POLL).withThreshold(java.time.Duration.ZERO);
            r.start();
            for (PoolProbe pool : List.of(shortName, longName)) {
                Thread worker = new Thread(() -> {
                    WorkerProbe w = pool.attachWorker(Thread.currentThread());
                    w.pollStart(System.nanoTime(), Runnable.class);
                    w.pollEnd(Runnable.class);
                });
                worker.start();
                worker.join();
            }
            r.stop();
            r.dump(file);
        }
        Map<String, String> fields = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .map(e -> e.getString("pool"))
                .collect(Collectors.toMap(PoolField::read, f -> f, (a, b) -> a));
        assertThat(fields).containsOnlyKeys("ab-12", "a-pool-named-at-length");
        assertThat(fields.get("ab-12")).isEqualTo("ab-12            ").hasSize(PoolField.LENGTH);
        assertThat(fields.get("a-pool-named-at-length")).isEqualTo("a-pool-named-at-length");
        assertThat(shortName.pollField()).isEqualTo("ab-12            ");
        assertThat(shortName.name()).as("every other event's name").isEqualTo("ab-12");
    }

    @Test
    void aPoolTheRegistryRenamesWritesItsNewNameInItsPolls() {
        PoolProbe pool = new FakePool("ab-12");
        pool.rename("ab-12-2");
        assertThat(pool.pollField()).isEqualTo(PoolField.write("ab-12-2"));
        pool.rename("a-pool-named-at-length-2");
        assertThat(pool.pollField()).isEqualTo("a-pool-named-at-length-2");
    }
}
