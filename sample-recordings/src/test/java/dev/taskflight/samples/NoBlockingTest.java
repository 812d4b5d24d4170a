package dev.taskflight.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.AgentBlocking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The agent never blocks the application: no recording of the sample corpus (real workloads under the
 * agent, on JDK 17 and 25) holds a JDK monitor-enter, monitor-wait or park event in which Taskflight's
 * code blocked an application thread ({@link AgentBlocking}), with those events enabled. {@code -Dtaskflight.corpus.dir=DIR} checks
 * the recordings in DIR instead, as {@link CorpusTest} does.
 */
class NoBlockingTest {

    @TestFactory
    Stream<DynamicTest> noRecordingShowsTaskflightBlockingAnApplicationThread() throws IOException {
        String dir = System.getProperty("taskflight.corpus.dir", "");
        Path corpus = dir.isBlank() ? Paths.get("recordings") : Paths.get(dir);
        List<Path> recordings;
        try (Stream<Path> files = Files.list(corpus)) {
            recordings = files.filter(p -> p.getFileName().toString().endsWith(".jfr")).sorted().toList();
        }
        assertThat(recordings).as("recordings in %s", corpus.toAbsolutePath()).isNotEmpty();
        return recordings.stream().map(r -> DynamicTest.dynamicTest(r.getFileName().toString(), () -> {
            List<RecordedEvent> events = RecordingFile.readAllEvents(r);
            assertThat(enabled(r, events)).as("the JDK's wait events the recording had enabled")
                    .containsExactlyInAnyOrderElementsOf(AgentBlocking.BLOCKING_EVENTS);
            List<RecordedEvent> blocked = AgentBlocking.byTaskflight(events);
            assertThat(blocked).as("application threads blocked by Taskflight's code:%n%s",
                    AgentBlocking.describe(blocked)).isEmpty();
        }));
    }

    /** The names of the JDK's wait events that the recording's settings enabled. */
    private static Set<String> enabled(Path recording, List<RecordedEvent> events) throws IOException {
        Map<Long, String> names = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            file.readEventTypes().forEach(t -> names.put(t.getId(), t.getName()));
        }
        return events.stream().filter(e -> e.getEventType().getName().equals("jdk.ActiveSetting"))
                .filter(e -> e.getString("name").equals("enabled") && e.getString("value").equals("true"))
                .map(e -> names.getOrDefault(e.getLong("id"), ""))
                .filter(AgentBlocking.BLOCKING_EVENTS::contains).collect(Collectors.toSet());
    }
}
