package dev.taskflight.metrics.export;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An OTLP/HTTP metrics receiver on loopback for tests: decodes every request with the OpenTelemetry
 * protobuf definitions and keeps it, with the value of one request header.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> headerValues = new CopyOnWriteArrayList<>();

    /**
     * Starts receiving on a free loopback port.
     *
     * @param header the request header whose values {@link #headerValues()} keeps
     */
    public OtlpReceiver(String header) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/metrics", exchange -> {
            try (exchange) {
                received.add(ExportMetricsServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
                headerValues.add(String.valueOf(exchange.getRequestHeaders().getFirst(header)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** Returns the URL to push to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics";
    }

    /** Returns the header's value in each request so far ({@code "null"} where it was missing). */
    public List<String> headerValues() {
        return List.copyOf(headerValues);
    }

    /** Returns the last received metric of this name, if any. */
    public Optional<Metric> metric(String name) {
        return metrics(name).reduce((a, b) -> b);
    }

    /** Returns every received sum data point of the metric whose {@code jvm.executor.name} is the pool, oldest first. */
    public Stream<NumberDataPoint> points(String name, String pool) {
        return metrics(name).map(Metric::getSum).flatMap(s -> s.getDataPointsList().stream())
                .filter(p -> pool.equals(attributes(p).get("jvm.executor.name")));
    }

    /** Returns a data point's attributes, as strings. */
    public static Map<String, String> attributes(NumberDataPoint p) {
        return p.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }

    private Stream<Metric> metrics(String name) {
        return received.stream().flatMap(r -> r.getResourceMetricsList().stream())
                .flatMap(r -> r.getScopeMetricsList().stream()).flatMap(s -> s.getMetricsList().stream())
                .filter(m -> m.getName().equals(name));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
