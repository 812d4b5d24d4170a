package dev.taskflight.analysis;

import dev.taskflight.analysis.finding.FindingThresholds;
import java.util.Objects;

/**
 * How an analysis runs: the findings' thresholds and the bounds that keep memory independent of the
 * recording's size.
 *
 * @param thresholds the findings' thresholds, not {@code null}
 * @param maxLongPolls how many of the longest polls are kept and explained, 0 or more
 * @param maxIdleEpisodes how many of the longest parks with queued work are kept, 0 or more
 */
public record AnalysisOptions(FindingThresholds thresholds, int maxLongPolls, int maxIdleEpisodes) {

    /** The default number of long polls kept. */
    public static final int DEFAULT_MAX_LONG_POLLS = 1000;
    /** The default number of idle episodes kept. */
    public static final int DEFAULT_MAX_IDLE_EPISODES = 1000;
    /** The default options. */
    public static final AnalysisOptions DEFAULT =
            new AnalysisOptions(FindingThresholds.DEFAULT, DEFAULT_MAX_LONG_POLLS, DEFAULT_MAX_IDLE_EPISODES);

    /** Validates the options. */
    public AnalysisOptions {
        Objects.requireNonNull(thresholds, "thresholds");
        if (maxLongPolls < 0 || maxIdleEpisodes < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /**
     * Returns these options with other thresholds.
     *
     * @param t the thresholds, not {@code null}
     * @return new options, not {@code null}
     */
    public AnalysisOptions withThresholds(FindingThresholds t) {
        return new AnalysisOptions(t, maxLongPolls, maxIdleEpisodes);
    }
}
