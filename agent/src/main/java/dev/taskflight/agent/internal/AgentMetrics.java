package dev.taskflight.agent.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import jdk.jfr.FlightRecorder;

/**
 * The agent options {@code metrics=prometheus} and {@code metrics=otlp}: starts the metrics module's
 * exporter (reached by name, so that the agent runs without it) on a daemon thread of its own, and
 * closes it when the JVM shuts down. Whatever goes wrong (no flight recorder, a port in use, no
 * metrics module in the jar) is one warning in the agent's log; the application runs on.
 */
final class AgentMetrics {

    /** The thread that starts the exporter. */
    static final String START_THREAD = "taskflight-metrics-start";
    /** The shutdown hook that closes it. */
    static final String CLOSE_THREAD = "taskflight-metrics-close";
    /** The metrics module's entry point, relocated with it into the agent jar. */
    static final String EXPORTERS = "dev.taskflight.metrics.export.Exporters";

    private AgentMetrics() {
    }

    /**
     * Starts the exporter asked for by the options, if any, in the background. Never throws.
     *
     * @param metrics the metrics options, not {@code null}
     */
    static void startIfAsked(MetricsConfig metrics) {
        if (!metrics.asked()) {
            return;
        }
        try {
            Thread starter = new Thread(() -> start(metrics), START_THREAD);
            starter.setDaemon(true);
            starter.start();
        } catch (Throwable t) {
            warn(metrics, t);
        }
    }

    private static void start(MetricsConfig metrics) {
        try {
            if (!FlightRecorder.isAvailable()) {
                AgentLog.warn("metrics=" + metrics.exporter() + ": the flight recorder is not available in this JVM;"
                        + " no metrics");
                return;
            }
            AutoCloseable exporter = (AutoCloseable) Class.forName(EXPORTERS).getMethod("start", Map.class)
                    .invoke(null, metrics.config());
            Thread closer = new Thread(() -> close(exporter), CLOSE_THREAD);
            try {
                Runtime.getRuntime().addShutdownHook(closer);
            } catch (IllegalStateException shuttingDown) {
                close(exporter);
                return;
            }
            AgentLog.debug("metrics=" + metrics.exporter() + ": exporting " + metrics.config());
        } catch (InvocationTargetException e) {
            warn(metrics, e.getCause());
        } catch (Throwable t) {
            warn(metrics, t);
        }
    }

    private static void warn(MetricsConfig metrics, Throwable t) {
        String where = metrics.exporter().equals("prometheus")
                ? " on " + metrics.config().getOrDefault("host", "127.0.0.1") + ":"
                        + metrics.config().getOrDefault("port", "9464")
                : "";
        AgentLog.warn("metrics=" + metrics.exporter() + ": the exporter could not start" + where
                + ", the application runs without it: " + t);
    }

    private static void close(AutoCloseable exporter) {
        try {
            exporter.close();
        } catch (Throwable t) {
            AgentLog.debug("metrics: closing the exporter failed: " + t);
        }
    }
}
