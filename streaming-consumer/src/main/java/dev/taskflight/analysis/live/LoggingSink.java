package dev.taskflight.analysis.live;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Writes each interval through {@link System.Logger}: one {@code INFO} line per pool, one
 * {@code WARNING} line per long-poll or idle-worker finding and per poll still running, and the
 * {@code INFO} lines of application code that ran unseen ({@link KeyValueFormat#unseen}), in
 * {@link KeyValueFormat}.
 */
public final class LoggingSink implements IntervalSink {

    /** The logger's default name. */
    public static final String LOGGER_NAME = "dev.taskflight.live";

    private final Logger log;

    /** Creates a sink writing to the logger {@value #LOGGER_NAME}. */
    public LoggingSink() {
        this(System.getLogger(LOGGER_NAME));
    }

    /**
     * Creates a sink writing to a logger.
     *
     * @param log the logger, not {@code null}
     */
    public LoggingSink(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void accept(IntervalReport interval) {
        if (log.isLoggable(Level.INFO)) {
            interval.pools().forEach(p -> log.log(Level.INFO, KeyValueFormat.pool(interval, p)));
        }
        KeyValueFormat.warnings(interval).forEach(f -> log.log(Level.WARNING, KeyValueFormat.finding(interval, f)));
        interval.stillRunning().forEach(p -> log.log(Level.WARNING, KeyValueFormat.stillRunning(interval, p)));
        if (log.isLoggable(Level.INFO)) {
            KeyValueFormat.unseen(interval).forEach(l -> log.log(Level.INFO, l));
        }
    }
}
