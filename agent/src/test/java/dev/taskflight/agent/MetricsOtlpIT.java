package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.agent.child.StreamWorkload;
import dev.taskflight.metrics.export.OtlpReceiver;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent option {@code metrics=otlp}: a child JVM pushes to a receiver on loopback, which decodes
 * each request with the OpenTelemetry protobuf definitions; the pool's completed tasks arrive with
 * the {@code jvm.executor.*} attributes and the header asked for, from the relocated registry inside
 * the agent jar.
 */
class MetricsOtlpIT {

    @TempDir
    Path dir;

    @Test
    void theAgentPushesThePoolsMetricsToAnOtlpEndpoint() throws Exception {
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        try (OtlpReceiver receiver = new OtlpReceiver("x-team")) {
            Process child = ChildJvm.start(List.of("-javaagent:" + ChildJvm.agentJar() + "=metrics=otlp,metrics.url="
                    + receiver.url() + ",metrics.step=1s,metrics.interval=1s,metrics.headers=x-team=orders"),
                    StreamWorkload.class, List.of("1"), out, err);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive()
                        || completed(receiver) >= StreamWorkload.TASKS);
                assertThat(child.isAlive()).as(read(err)).isTrue();
                assertThat(ChildJvm.closeStdinAndAwaitExit(child)).as(read(err)).isZero();
            } finally {
                child.destroyForcibly();
            }
            assertThat(completed(receiver)).isEqualTo(StreamWorkload.TASKS);
            NumberDataPoint point = receiver.points("jvm.executor.task.completed", StreamWorkload.POOL)
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(OtlpReceiver.attributes(point)).containsEntry("jvm.executor.type", "ThreadPoolExecutor");
            assertThat(receiver.points("jvm.executor.task.long_polls", StreamWorkload.POOL)
                    .filter(p -> "critical".equals(OtlpReceiver.attributes(p).get("taskflight.severity")))
                    .mapToDouble(NumberDataPoint::getAsDouble).max().orElseThrow()).isGreaterThanOrEqualTo(1);
            assertThat(receiver.headerValues()).isNotEmpty().containsOnly("orders");
        }
        assertThat(read(err)).doesNotContain("Taskflight agent", "Exception");
    }

    private static double completed(OtlpReceiver receiver) {
        return receiver.points("jvm.executor.task.completed", StreamWorkload.POOL)
                .mapToDouble(NumberDataPoint::getAsDouble).max().orElse(0);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
