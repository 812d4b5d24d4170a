package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.agent.child.NoPoolWorkload;
import dev.taskflight.agent.child.StreamWorkload;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad {@code metrics} options in a child JVM: an unparseable port is one warning and no exporter, a
 * port in use is one warning; the application starts and exits normally either way.
 */
class MetricsBadOptionsIT {

    private static final Pattern AGENT_LINE = Pattern.compile("Taskflight agent: ");

    @TempDir
    Path dir;

    @Test
    void anUnparseablePortIsOneWarningAndTheApplicationRuns() throws Exception {
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar()
                + "=metrics=prometheus,metrics.port=http"), NoPoolWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).contains("done");
        assertThat(AGENT_LINE.matcher(child.stderr()).results().count()).as(child.stderr()).isEqualTo(1);
        assertThat(child.stderr()).contains("metrics.port must be a number from 0 to 65535, got 'http'")
                .doesNotContain("Exception");
    }

    @Test
    void aPortInUseIsOneWarningAndTheApplicationRuns() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path out = dir.resolve("child.out");
            Path err = dir.resolve("child.err");
            Process child = ChildJvm.start(List.of("-javaagent:" + ChildJvm.agentJar() + "=metrics=prometheus,metrics.port="
                    + taken.getLocalPort()), StreamWorkload.class, List.of("0"), out, err);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive()
                        || (read(out).contains(StreamWorkload.DONE) && read(err).contains("could not start")));
                assertThat(child.isAlive()).as(read(err)).isTrue();
                assertThat(ChildJvm.closeStdinAndAwaitExit(child)).as(read(err)).isZero();
            } finally {
                child.destroyForcibly();
            }
            String stderr = read(err);
            assertThat(AGENT_LINE.matcher(stderr).results().count()).as(stderr).isEqualTo(1);
            assertThat(stderr).contains("metrics=prometheus: the exporter could not start on 127.0.0.1:"
                    + taken.getLocalPort());
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
