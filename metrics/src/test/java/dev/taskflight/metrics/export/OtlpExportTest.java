package dev.taskflight.metrics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.IntervalStreams;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.metrics.MeterNames;
import dev.taskflight.metrics.MetricsOptions;
import dev.taskflight.metrics.TaskflightMeters;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OTLP exporter's registry pushes the binder's meters to a receiver on loopback, which decodes
 * each request with the OpenTelemetry protobuf definitions: the names, the {@code jvm.executor.*}
 * attributes, the configured header and the values (the fixture recording's offline totals) arrive.
 */
class OtlpExportTest {

    @Test
    void pushedMetricsDecodeToTheBindersNamesAttributesAndValues() throws Exception {
        Path file = Recordings.problems();
        PoolReport compute = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run().pools().stream()
                .filter(p -> p.name().equals(ProblemWorkload.COMPUTE)).findFirst().orElseThrow();
        TaskflightMeters meters = new TaskflightMeters(MetricsOptions.DEFAULT);
        IntervalStreams.stream(file, Duration.ofMillis(200), meters);
        try (OtlpReceiver receiver = new OtlpReceiver("x-team")) {
            OtlpMeterRegistry registry = Exporters.otlp(Map.of(Exporters.URL, receiver.url(), Exporters.STEP, "1s",
                    Exporters.HEADERS, "x-team=orders"), Duration.ofSeconds(1));
            try {
                meters.bindTo(registry);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> receiver.points(MeterNames.TASK_COMPLETED, compute.name()).findAny().isPresent());
            } finally {
                registry.close();
            }
            NumberDataPoint polls = receiver.points(MeterNames.TASK_COMPLETED, compute.name()).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(polls.getAsDouble()).isEqualTo(compute.totals().polls());
            assertThat(OtlpReceiver.attributes(polls)).containsEntry(MeterNames.EXECUTOR_NAME, compute.name())
                    .containsEntry(MeterNames.EXECUTOR_TYPE, compute.kind());
            double critical = receiver.points(MeterNames.LONG_POLLS, compute.name())
                    .filter(p -> "critical".equals(OtlpReceiver.attributes(p).get(MeterNames.SEVERITY)))
                    .mapToDouble(NumberDataPoint::getAsDouble).max().orElseThrow();
            assertThat(critical).isEqualTo(compute.criticalLongPolls()).isPositive();
            assertThat(receiver.metric(MeterNames.BUSY_RATIO)).hasValueSatisfying(m -> assertThat(m.hasGauge()).isTrue());
            assertThat(receiver.metric(MeterNames.TASK_COMPLETED).orElseThrow().getSum().getIsMonotonic()).isTrue();
            assertThat(receiver.headerValues()).isNotEmpty().containsOnly("orders");
        }
    }
}
