package dev.taskflight.analysis.live;

import dev.taskflight.analysis.finding.Finding;
import java.time.Instant;
import java.util.List;

/**
 * One closed interval of a live analysis. Immutable.
 *
 * @param start the interval's start (inclusive), not {@code null}
 * @param end the interval's end (exclusive), not {@code null}
 * @param pools a snapshot per pool seen, by name, not {@code null}
 * @param findings every finding of the interval, most severe first, including those about no pool, not {@code null}
 * @param droppedEvents JDK events not buffered for explanation because the per-interval bound was reached
 */
public record IntervalReport(Instant start, Instant end, List<PoolSnapshot> pools, List<Finding> findings,
        long droppedEvents) {

    /** Copies the lists. */
    public IntervalReport {
        pools = List.copyOf(pools);
        findings = List.copyOf(findings);
    }
}
