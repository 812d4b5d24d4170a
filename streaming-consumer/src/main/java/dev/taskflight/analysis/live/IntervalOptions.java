package dev.taskflight.analysis.live;

import dev.taskflight.analysis.AnalysisOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a live analysis cuts time: the interval length, the analysis options each interval uses, the
 * bound on the JDK events buffered per interval to explain long polls, and which lines polls still
 * running get.
 *
 * @param interval the length of an interval, at least one millisecond, not {@code null}
 * @param analysis the thresholds and limits, not {@code null}
 * @param maxBufferedEvents the most JDK events (CPU samples, monitor, park, I/O...) kept per interval
 *        to explain its long polls; later ones are counted and dropped; 0 or more
 * @param stillRunning which lines polls still running get, not {@code null}
 */
public record IntervalOptions(Duration interval, AnalysisOptions analysis, int maxBufferedEvents,
        StillRunning stillRunning) {

    /** The default interval: 10 seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** The default bound on buffered JDK events per interval. */
    public static final int DEFAULT_MAX_BUFFERED_EVENTS = 50_000;
    /** The defaults. */
    public static final IntervalOptions DEFAULT =
            new IntervalOptions(DEFAULT_INTERVAL, AnalysisOptions.DEFAULT, DEFAULT_MAX_BUFFERED_EVENTS,
                    StillRunning.ALL);

    /** Validates the options. */
    public IntervalOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(stillRunning, "stillRunning");
        if (interval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("interval must be at least 1ms");
        }
        if (maxBufferedEvents < 0) {
            throw new IllegalArgumentException("maxBufferedEvents must not be negative");
        }
    }

    /**
     * Creates options with every poll still running reported ({@link StillRunning#ALL}).
     *
     * @param interval the length of an interval, at least one millisecond, not {@code null}
     * @param analysis the thresholds and limits, not {@code null}
     * @param maxBufferedEvents the most JDK events kept per interval, 0 or more
     */
    public IntervalOptions(Duration interval, AnalysisOptions analysis, int maxBufferedEvents) {
        this(interval, analysis, maxBufferedEvents, StillRunning.ALL);
    }

    /**
     * Returns these options with another interval.
     *
     * @param d the interval, not {@code null}
     * @return new options, not {@code null}
     */
    public IntervalOptions withInterval(Duration d) {
        return new IntervalOptions(d, analysis, maxBufferedEvents, stillRunning);
    }

    /**
     * Returns these options with other analysis options.
     *
     * @param a the analysis options, not {@code null}
     * @return new options, not {@code null}
     */
    public IntervalOptions withAnalysis(AnalysisOptions a) {
        return new IntervalOptions(interval, a, maxBufferedEvents, stillRunning);
    }

    /**
     * Returns these options with another policy for polls still running.
     *
     * @param s the policy, not {@code null}
     * @return new options, not {@code null}
     */
    public IntervalOptions withStillRunning(StillRunning s) {
        return new IntervalOptions(interval, analysis, maxBufferedEvents, s);
    }
}
