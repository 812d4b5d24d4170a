package dev.taskflight.analysis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.agent.AgentInfoEvent;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class AgentPresenceTest {

    @Test
    void aRecordingWhereTheAgentWasAttachedButNoPoolRanSaysSoAndNeverThatItNeedsTheAgent() throws Exception {
        Path file = Recordings.newDirectory().resolve("agent-only.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(EventNames.AGENT_INFO);
            recording.start();
            AgentInfoEvent info = new AgentInfoEvent();
            info.taskflightVersion = "9.9.9";
            info.mode = "auto";
            info.adapters = "jdk-thread-pool,kotlin-coroutines";
            info.hooked = "jdk-thread-pool,kotlin-coroutines";
            info.skipped = "";
            info.commit();
            recording.stop();
            recording.dump(file);
        }

        AnalysisReport report = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();

        assertThat(report.pools()).isEmpty();
        assertThat(report.notes()).noneMatch(n -> n.contains("need the Taskflight java agent"))
                .anySatisfy(n -> assertThat(n).contains("Taskflight agent 9.9.9 (auto mode) was attached")
                        .contains("jdk-thread-pool, kotlin-coroutines").contains("No pool"));
    }

    @Test
    void describesTheSkippedFamiliesWithTheirReasons() {
        AgentPresence presence = new AgentPresence();
        assertThat(presence.present()).isFalse();
        assertThat(presence.describe()).isEmpty();
        presence.seen("1.0", "trace", "", "kotlin-coroutines: kotlinx-coroutines-core-jvm-1.5.2.jar lacks runSafely");
        assertThat(presence.describe()).isEqualTo("The Taskflight agent 1.0 (trace mode) was attached and hooked no"
                + " scheduler; skipped kotlin-coroutines: kotlinx-coroutines-core-jvm-1.5.2.jar lacks runSafely.");
    }
}
