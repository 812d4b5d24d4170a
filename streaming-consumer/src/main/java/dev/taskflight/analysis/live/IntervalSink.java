package dev.taskflight.analysis.live;

/**
 * Receives each closed interval. Called on the thread that feeds the {@link IntervalAnalyzer} (the
 * stream's thread), in time order; a sink must not block for long.
 */
@FunctionalInterface
public interface IntervalSink {

    /**
     * Takes one interval.
     *
     * @param interval the interval's snapshots and findings, not {@code null}
     */
    void accept(IntervalReport interval);
}
