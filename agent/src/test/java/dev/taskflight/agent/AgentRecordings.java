package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.AgentBlocking;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a recording a child JVM made under the agent, after checking that the agent never blocked one
 * of the application's threads in it ({@link AgentBlocking}): every test that reads its child's recording
 * through here checks, on a real workload, that the agent takes no lock and waits on nothing that the
 * JDK's monitor and park events can see.
 */
final class AgentRecordings {

    private AgentRecordings() {
    }

    /** All events of the recording; fails if Taskflight's code blocked a thread of the application in it. */
    static List<RecordedEvent> read(Path jfr) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<RecordedEvent> blocked = AgentBlocking.byTaskflight(events);
        assertThat(blocked).as("application threads blocked by Taskflight's code in %s:%n%s", jfr.getFileName(),
                AgentBlocking.describe(blocked)).isEmpty();
        return events;
    }
}
