package dev.taskflight.metrics;

import dev.taskflight.analysis.live.InProcessStream;
import dev.taskflight.analysis.live.IntervalOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Taskflight's meters for this JVM in one binder: binding it to a registry the first time starts the
 * in-process stream ({@link InProcessStream}, the flight recorder with Taskflight's production
 * profile, read by the same engine as {@code jfr-analyze stream}) and feeds its intervals to
 * {@link TaskflightMeters}. In Spring Boot one bean is enough:
 *
 * <pre>{@code
 * @Bean
 * TaskflightMetrics taskflightMetrics() {
 *     return new TaskflightMetrics(MetricsOptions.DEFAULT);
 * }
 * }</pre>
 *
 * <p>The first bind waits for the stream's first flush (about a second). If the flight recorder cannot
 * stream, one warning is logged to {@value #LOGGER_NAME} and the meters stay empty; binding never
 * throws for that. {@link #close()} stops the stream; Spring calls it when the context closes.
 */
public final class TaskflightMetrics implements MeterBinder, AutoCloseable {

    /** The logger of the binder's one warning. */
    public static final String LOGGER_NAME = "dev.taskflight.metrics";

    private final MetricsOptions options;
    private final TaskflightMeters meters;
    private InProcessStream stream;
    private boolean started;
    private boolean closed;

    /**
     * Creates the binder; nothing runs until it is bound.
     *
     * @param options the interval and cardinality limits, not {@code null}
     */
    public TaskflightMetrics(MetricsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.meters = new TaskflightMeters(options);
    }

    /**
     * Registers the meters with the registry, starting the in-process stream on the first call.
     *
     * @param registry the registry, not {@code null}
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        meters.bindTo(registry);
        start();
    }

    /**
     * Starts the in-process stream if it was not started yet; {@link #bindTo} calls it.
     *
     * @return whether the stream runs
     */
    public synchronized boolean start() {
        if (!started && !closed) {
            started = true;
            try {
                stream = InProcessStream.start(IntervalOptions.DEFAULT.withInterval(options.interval()), meters, null,
                        meters::readEvents);
            } catch (RuntimeException e) {
                System.getLogger(LOGGER_NAME).log(System.Logger.Level.WARNING,
                        "Taskflight metrics: the in-process stream could not start, no pool meters: " + e.getMessage());
            }
        }
        return stream != null;
    }

    /** Stops the stream; the meters keep their last values. */
    @Override
    public synchronized void close() {
        closed = true;
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
