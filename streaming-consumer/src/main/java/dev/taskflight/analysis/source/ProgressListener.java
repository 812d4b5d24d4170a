package dev.taskflight.analysis.source;

/** Told how far a file analysis has got; called from the analyzing thread. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (pass, passes, fraction) -> { };

    /**
     * Reports progress.
     *
     * @param pass the current pass, from 1
     * @param passes the number of passes
     * @param fraction how far through the recording's time span this pass is, 0 to 1
     */
    void progress(int pass, int passes, double fraction);
}
