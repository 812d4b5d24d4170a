package dev.taskflight.analysis.live;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.report.UnseenWork;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
 * @param unseen the application code that ran in this interval where Taskflight did not see it: on
 *        threads of no pool, or on workers that no interval so far saw at work; {@link UnseenWork#NONE}
 *        when the interval had no CPU sample; not {@code null}
 */
public record IntervalReport(Instant start, Instant end, List<PoolSnapshot> pools, List<Finding> findings,
        long droppedEvents, List<StuckPoll> stillRunning, UnseenWork unseen) {

    /** Copies the lists. */
    public IntervalReport {
        pools = List.copyOf(pools);
        findings = List.copyOf(findings);
        stillRunning = List.copyOf(stillRunning);
        Objects.requireNonNull(unseen, "unseen");
    }

    /**
     * Creates an interval with no CPU sample to tell unseen work by.
     *
     * @param start the interval's start (inclusive), not {@code null}
     * @param end the interval's end (exclusive), not {@code null}
     * @param pools a snapshot per pool seen, not {@code null}
     * @param findings every finding of the interval, not {@code null}
     * @param droppedEvents JDK events not buffered for explanation
     * @param stillRunning the polls still running, not {@code null}
     */
    public IntervalReport(Instant start, Instant end, List<PoolSnapshot> pools, List<Finding> findings,
            long droppedEvents, List<StuckPoll> stillRunning) {
        this(start, end, pools, findings, droppedEvents, stillRunning, UnseenWork.NONE);
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
        this(start, end, pools, findings, droppedEvents, List.of(), UnseenWork.NONE);
    }
}
