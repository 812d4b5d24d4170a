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
 * @param stillRunning the polls the watchdog first reported stuck in this interval and that had not
 *        ended when it closed, not {@code null}
 */
public record IntervalReport(Instant start, Instant end, List<PoolSnapshot> pools, List<Finding> findings,
        long droppedEvents, List<StuckPoll> stillRunning) {

    /** Copies the lists. */
    public IntervalReport {
        pools = List.copyOf(pools);
        findings = List.copyOf(findings);
        stillRunning = List.copyOf(stillRunning);
    }

    /**
     * Creates an interval without stuck polls.
     *
     * @param start the interval's start (inclusive), not {@code null}
     * @param end the interval's end (exclusive), not {@code null}
     * @param pools a snapshot per pool seen, not {@code null}
     * @param findings every finding of the interval, not {@code null}
     * @param droppedEvents JDK events not buffered for explanation
     */
    public IntervalReport(Instant start, Instant end, List<PoolSnapshot> pools, List<Finding> findings,
            long droppedEvents) {
        this(start, end, pools, findings, droppedEvents, List.of());
    }
}
