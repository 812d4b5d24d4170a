package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.FailuresWorkload;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A program whose tasks throw, are cancelled, rejected and interrupted prints the same outcomes and
 * the same stack traces with the agent (and a recording) as without.
 */
class SideBySideIT {

    @Test
    void failingTasksBehaveExactlyAsWithoutTheAgent() throws Exception {
        ChildJvm.Result plain = ChildJvm.run(List.of(), FailuresWorkload.class);
        ChildJvm.Result agent = ChildJvm.run(List.of(
                "-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight-trace.jfc")),
                FailuresWorkload.class);
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(plain.stdout()).contains("done", "boom", "rejected", "uncaught", "cancelled");
        assertThat(agent.exitCode()).isEqualTo(plain.exitCode());
        assertThat(withoutJfrStartup(agent.stdout())).isEqualTo(plain.stdout());
    }

    /** Drops JFR's own "Started recording" log lines: they come from -XX:StartFlightRecording, not the program. */
    private static String withoutJfrStartup(String stdout) {
        return stdout.lines().filter(l -> !l.contains("[jfr,startup]"))
                .map(l -> l + System.lineSeparator()).collect(Collectors.joining());
    }
}
