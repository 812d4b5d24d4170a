package dev.taskflight.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.metrics.export.Exporters;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsConfigTest {

    @Test
    void noMetricsOptionMeansNoExporter() {
        assertThat(AgentOptions.parse(null).metrics().asked()).isFalse();
        assertThat(AgentOptions.parse("stream=log").metrics()).isEqualTo(MetricsConfig.NONE);
        assertThat(AgentOptions.parse("metrics=none").metrics()).isEqualTo(MetricsConfig.NONE);
    }

    @Test
    void prometheusTakesHostPortIntervalAndCardinalityInTheExportersKeys() {
        MetricsConfig m = AgentOptions.parse("metrics=Prometheus,metrics.host=0.0.0.0,metrics.port=9100,"
                + "metrics.interval=2s,metrics.per-worker=TRUE,metrics.max-pools=5").metrics();
        assertThat(m.config()).containsExactlyInAnyOrderEntriesOf(Map.of(Exporters.EXPORTER, "prometheus",
                Exporters.HOST, "0.0.0.0", Exporters.PORT, "9100", Exporters.INTERVAL, "2000",
                Exporters.PER_WORKER, "true", Exporters.MAX_POOLS, "5"));
    }

    @Test
    void otlpTakesUrlStepAndHeadersSeparatedByBars() {
        MetricsConfig m = AgentOptions.parse("metrics=otlp,metrics.url=https://collector:4318/v1/metrics,"
                + "metrics.step=30s,metrics.headers=x-team=orders|authorization=Bearer t").metrics();
        assertThat(m.config()).containsExactlyInAnyOrderEntriesOf(Map.of(Exporters.EXPORTER, "otlp",
                Exporters.URL, "https://collector:4318/v1/metrics", Exporters.STEP, "30000ms",
                Exporters.HEADERS, "x-team=orders,authorization=Bearer t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics=prometheus,metrics.port=http", "metrics=prometheus,metrics.port=70000",
        "metrics=prometheus,metrics.port=-1", "metrics=statsd", "metrics.port=9100", "metrics=none,metrics.port=9100",
        "metrics=prometheus,metrics.url=http://x", "metrics=otlp,metrics.port=9100", "metrics=otlp,metrics.url=ftp://x",
        "metrics=otlp,metrics.headers=novalue", "metrics=prometheus,metrics.max-pools=0",
        "metrics=prometheus,metrics.per-worker=yes", "metrics=prometheus,metrics.interval=0s",
        "metrics=prometheus,metrics.colour=blue", "metrics=prometheus,metrics.host="})
    void aMalformedMetricsOptionGivesTheDefaultsWithoutExporter(String text) {
        assertThat(AgentOptions.parse(text)).isEqualTo(AgentOptions.DEFAULTS);
        assertThat(AgentOptions.parse(text).metrics().asked()).isFalse();
    }

    @Test
    void metricsAndTheLogStreamCanBeAskedTogether() {
        AgentOptions o = AgentOptions.parse("stream=log,metrics=prometheus");
        assertThat(o.streamToLog()).isTrue();
        assertThat(o.metrics().exporter()).isEqualTo("prometheus");
    }
}
