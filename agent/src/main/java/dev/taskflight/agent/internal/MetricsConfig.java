package dev.taskflight.agent.internal;

import dev.taskflight.analysis.report.Units;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The agent options {@code metrics} and {@code metrics.*}, validated, as the configuration map that
 * the metrics module's {@code Exporters.start} reads (its keys are the option names without the
 * {@code metrics.} prefix, and {@code exporter} for {@code metrics} itself; durations in milliseconds).
 *
 * @param config the configuration, empty for no exporter
 */
record MetricsConfig(Map<String, String> config) {

    /** No exporter: nothing listens and nothing is pushed. */
    static final MetricsConfig NONE = new MetricsConfig(Map.of());
    /** The option that names the exporter. */
    static final String OPTION = "metrics";

    /** Copies the map. */
    MetricsConfig {
        config = Map.copyOf(config);
    }

    /**
     * Validates the {@code metrics} options.
     *
     * @param options the options by key ({@code metrics}, {@code metrics.port}...), not {@code null}
     * @return the configuration, {@link #NONE} without {@code metrics} or with {@code metrics=none}
     * @throws IllegalArgumentException if a value is malformed or does not fit the exporter
     */
    static MetricsConfig of(Map<String, String> options) {
        String exporter = options.getOrDefault(OPTION, "none").toLowerCase(Locale.ROOT);
        if (!exporter.equals("none") && !exporter.equals("prometheus") && !exporter.equals("otlp")) {
            throw new IllegalArgumentException("metrics must be none, prometheus or otlp");
        }
        if (exporter.equals("none")) {
            if (options.size() > (options.containsKey(OPTION) ? 1 : 0)) {
                throw new IllegalArgumentException("metrics.* options need metrics=prometheus or metrics=otlp");
            }
            return NONE;
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("exporter", exporter);
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equals(OPTION)) {
                continue;
            }
            String key = e.getKey().substring(OPTION.length() + 1);
            config.put(key, value(exporter, key, e.getValue()));
        }
        return new MetricsConfig(config);
    }

    /** Returns whether an exporter was asked for. */
    boolean asked() {
        return !config.isEmpty();
    }

    /** Returns the exporter's name, {@code none} without one. */
    String exporter() {
        return config.getOrDefault("exporter", "none");
    }

    private static String value(String exporter, String key, String value) {
        switch (key) {
            case "host":
                only("prometheus", exporter, key);
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("empty metrics.host");
                }
                return value;
            case "port":
                only("prometheus", exporter, key);
                return Integer.toString(number(key, value, 0, 65_535));
            case "url":
                only("otlp", exporter, key);
                return url(value);
            case "step":
                only("otlp", exporter, key);
                return millis(key, value) + "ms";
            case "headers":
                only("otlp", exporter, key);
                return headers(value);
            case "interval":
                return Long.toString(millis(key, value));
            case "per-worker":
                return Boolean.toString(AgentOptions.bool("metrics." + key, value));
            case "max-pools":
                return Integer.toString(number(key, value, 1, Integer.MAX_VALUE));
            default:
                throw new IllegalArgumentException("unknown option 'metrics." + key + "'");
        }
    }

    private static void only(String wanted, String exporter, String key) {
        if (!wanted.equals(exporter)) {
            throw new IllegalArgumentException("metrics." + key + " needs metrics=" + wanted);
        }
    }

    private static int number(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("metrics." + key + " must be a number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    private static long millis(String key, String value) {
        Duration d = Units.parseDuration(value);
        if (d.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("metrics." + key + " must be at least 1ms");
        }
        return d.toMillis();
    }

    private static String url(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("metrics.url must be an http or https URL, got '" + value + "'");
    }

    /** Turns {@code a=1|b=2} (a comma would end the option) into Micrometer's {@code a=1,b=2}. */
    private static String headers(String value) {
        for (String header : value.split("\\|")) {
            if (header.indexOf('=') <= 0) {
                throw new IllegalArgumentException("metrics.headers must be name=value pairs separated by |");
            }
        }
        return value.replace('|', ',');
    }
}
