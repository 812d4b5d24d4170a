package dev.taskflight.metrics.export;

import dev.taskflight.metrics.MetricsOptions;
import dev.taskflight.metrics.TaskflightMetrics;
import dev.taskflight.metrics.internal.ScrapeServer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's exporters ({@code metrics=prometheus}, {@code metrics=otlp}): a registry of their own,
 * never the application's, with {@link TaskflightMetrics} bound to it. The agent reaches this class by
 * name, so that it runs without the metrics module; its configuration is a map of already validated
 * strings, keyed as the agent options without their {@code metrics.} prefix ({@link #EXPORTER} for the
 * option {@code metrics} itself).
 */
public final class Exporters {

    /** {@code prometheus} or {@code otlp}. */
    public static final String EXPORTER = "exporter";
    /** Prometheus: the address to listen on, default {@value #DEFAULT_HOST}. */
    public static final String HOST = "host";
    /** Prometheus: the port, default {@value #DEFAULT_PORT}. */
    public static final String PORT = "port";
    /** OTLP: the endpoint's URL, default {@value #DEFAULT_URL}. */
    public static final String URL = "url";
    /** OTLP: how often to push, a duration as Micrometer reads it ({@code 10s}), default the interval. */
    public static final String STEP = "step";
    /** OTLP: request headers, {@code key=value} pairs separated by {@code ,}. */
    public static final String HEADERS = "headers";
    /** The stream's interval in milliseconds, default 10 s. */
    public static final String INTERVAL = "interval";
    /** {@code true} to publish each worker's busy ratio. */
    public static final String PER_WORKER = "per-worker";
    /** The cap on distinct pools. */
    public static final String MAX_POOLS = "max-pools";
    /** The scrape endpoint's default address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The scrape endpoint's default port (OpenTelemetry's Prometheus exporter's). */
    public static final int DEFAULT_PORT = 9464;
    /** The OTLP default endpoint: a collector on this host. */
    public static final String DEFAULT_URL = "http://localhost:4318/v1/metrics";

    private Exporters() {
    }

    /**
     * Starts the exporter the configuration names and the in-process stream that feeds it.
     *
     * @param config the configuration, not {@code null}
     * @return what to close at shutdown, not {@code null}
     * @throws IOException if the scrape endpoint cannot listen (such as a port in use); nothing runs then
     * @throws IllegalArgumentException if the exporter is unknown
     */
    public static AutoCloseable start(Map<String, String> config) throws IOException {
        Objects.requireNonNull(config, "config");
        MetricsOptions options = options(config);
        String exporter = config.getOrDefault(EXPORTER, "");
        switch (exporter) {
            case "prometheus": {
                PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                ScrapeServer server = ScrapeServer.start(config.getOrDefault(HOST, DEFAULT_HOST),
                        Integer.parseInt(config.getOrDefault(PORT, Integer.toString(DEFAULT_PORT))), registry::scrape);
                return bind(registry, options, server);
            }
            case "otlp":
                return bind(otlp(config, options.interval()), options, null);
            default:
                throw new IllegalArgumentException("unknown exporter '" + exporter + "'");
        }
    }

    /**
     * Returns an OTLP registry for the configuration's URL, step and headers.
     *
     * @param config the configuration, not {@code null}
     * @param defaultStep the step when the configuration has none
     * @return the registry, publishing, not {@code null}
     */
    public static OtlpMeterRegistry otlp(Map<String, String> config, Duration defaultStep) {
        Map<String, String> props = Map.of("otlp.url", config.getOrDefault(URL, DEFAULT_URL),
                "otlp.step", config.getOrDefault(STEP, defaultStep.toMillis() + "ms"),
                "otlp.headers", config.getOrDefault(HEADERS, ""));
        OtlpConfig otlp = props::get;
        return new OtlpMeterRegistry(otlp, Clock.SYSTEM);
    }

    private static MetricsOptions options(Map<String, String> config) {
        MetricsOptions o = MetricsOptions.DEFAULT;
        if (config.containsKey(INTERVAL)) {
            o = o.withInterval(Duration.ofMillis(Long.parseLong(config.get(INTERVAL))));
        }
        if (config.containsKey(MAX_POOLS)) {
            o = o.withMaxPools(Integer.parseInt(config.get(MAX_POOLS)));
        }
        return o.withPerWorker(Boolean.parseBoolean(config.get(PER_WORKER)));
    }

    private static AutoCloseable bind(MeterRegistry registry, MetricsOptions options, AutoCloseable server) {
        TaskflightMetrics metrics = new TaskflightMetrics(options);
        metrics.bindTo(registry);
        return () -> {
            metrics.close();
            registry.close();
            if (server != null) {
                server.close();
            }
        };
    }
}
