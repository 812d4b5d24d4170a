package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.EventTypesWorkload;
import dev.taskflight.agent.child.NoPoolWorkload;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made with the agent says the agent was there, in every chunk, even when no pool ran; and
 * the agent registers every Taskflight event type before any pool runs.
 */
class AgentInfoIT {

    @TempDir
    Path dir;

    @Test
    void aRecordingWithTheAgentAndNoPoolSaysTheAgentWasAttachedInEveryChunk() throws Exception {
        Path jfr = dir.resolve("no-pool.jfr");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar() + "=mode=production",
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + ",filename=" + jfr), NoPoolWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();

        List<RecordedEvent> infos = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.AGENT_INFO)).collect(Collectors.toList());
        // at the start and end of each chunk: one chunk would give two
        assertThat(infos).as("written in both chunks").hasSizeGreaterThanOrEqualTo(3);
        assertThat(infos).allSatisfy(e -> {
            assertThat(e.getString("mode")).isEqualTo("production");
            assertThat(e.getString("taskflightVersion")).isNotBlank();
            assertThat(e.getString("adapters")).contains("jdk-thread-pool", "kotlin-coroutines", "reactor");
            assertThat(e.getString("hooked")).contains("jdk-thread-pool", "jdk-fork-join");
            assertThat(e.getBoolean("attached")).isFalse();
        });

        AnalysisReport report = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        assertThat(report.notes()).noneMatch(n -> n.contains("need the Taskflight java agent"))
                .anySatisfy(n -> assertThat(n).contains("agent").contains("was attached").contains("No pool"));
    }

    @Test
    void everyTaskflightEventTypeIsRegisteredWhileARecordingRunsBeforeAnyPoolHasRun() throws Exception {
        // A type first registered by a worker mid-chunk (a first delay sample, a first stuck poll) makes a
        // stream reading that chunk rebuild its parsers, which on JDKs without JDK-8382242's fix loses the
        // strings it read from the string pool: the agent registers them all when it starts.
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar() + "=mode=production",
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + ",filename=" + dir.resolve("types.jfr")), EventTypesWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).contains("missing=[]");
    }
}
