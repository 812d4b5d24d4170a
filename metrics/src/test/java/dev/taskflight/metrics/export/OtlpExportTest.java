package dev.taskflight.metrics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
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
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP exporter's registry pushes the binder's meters to a receiver on loopback, which decodes
 * each request with the OpenTelemetry protobuf definitions: the names, the {@code jvm.executor.*}
 * attributes, the configured header and the values (the fixture recording's offline totals) arrive.
 */
class OtlpExportTest {

    private final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> teams = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startTheReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/metrics", exchange -> {
            try (exchange) {
                received.add(ExportMetricsServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
                teams.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-team")));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    @Test
    void pushedMetricsDecodeToTheBindersNamesAttributesAndValues() throws Exception {
        Path file = Recordings.problems();
        PoolReport compute = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run().pools().stream()
                .filter(p -> p.name().equals(ProblemWorkload.COMPUTE)).findFirst().orElseThrow();
        TaskflightMeters meters = new TaskflightMeters(MetricsOptions.DEFAULT);
        IntervalStreams.stream(file, Duration.ofMillis(200), meters);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics";
        OtlpMeterRegistry registry = Exporters.otlp(
                Map.of(Exporters.URL, url, Exporters.STEP, "1s", Exporters.HEADERS, "x-team=orders"), Duration.ofSeconds(1));
        try {
            meters.bindTo(registry);
            await().atMost(Duration.ofSeconds(60)).until(() -> completed(compute.name()).isPresent());
        } finally {
            registry.close();
        }
        NumberDataPoint polls = completed(compute.name()).orElseThrow();
        assertThat(polls.getAsDouble()).isEqualTo(compute.totals().polls());
        assertThat(attributes(polls)).containsEntry(MeterNames.EXECUTOR_NAME, compute.name())
                .containsEntry(MeterNames.EXECUTOR_TYPE, compute.kind());
        Metric longPolls = metric(MeterNames.LONG_POLLS).orElseThrow();
        double critical = longPolls.getSum().getDataPointsList().stream()
                .filter(p -> compute.name().equals(attributes(p).get(MeterNames.EXECUTOR_NAME))
                        && "critical".equals(attributes(p).get(MeterNames.SEVERITY)))
                .mapToDouble(NumberDataPoint::getAsDouble).max().orElseThrow();
        assertThat(critical).isEqualTo(compute.criticalLongPolls()).isPositive();
        assertThat(metric(MeterNames.BUSY_RATIO)).hasValueSatisfying(m -> assertThat(m.hasGauge()).isTrue());
        assertThat(metric(MeterNames.TASK_COMPLETED).orElseThrow().getSum().getIsMonotonic()).isTrue();
        assertThat(teams).isNotEmpty().containsOnly("orders");
    }

    private Optional<NumberDataPoint> completed(String pool) {
        return metric(MeterNames.TASK_COMPLETED).stream().flatMap(m -> m.getSum().getDataPointsList().stream())
                .filter(p -> pool.equals(attributes(p).get(MeterNames.EXECUTOR_NAME)) && p.getAsDouble() > 0)
                .reduce((a, b) -> b);
    }

    private Optional<Metric> metric(String name) {
        return received.stream().flatMap(r -> r.getResourceMetricsList().stream())
                .flatMap(r -> r.getScopeMetricsList().stream()).flatMap(s -> s.getMetricsList().stream())
                .filter(m -> m.getName().equals(name)).reduce((a, b) -> b);
    }

    private static Map<String, String> attributes(NumberDataPoint p) {
        return p.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }
}
