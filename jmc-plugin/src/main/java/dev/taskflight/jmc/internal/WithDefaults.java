package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.finding.BlockedEventLoopFinding;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.ImbalanceFinding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.PinnedCarrierFinding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.finding.SchedulingDelayFinding;

/** Every finding's default thresholds but one rule's own, which come from its preferences. */
public final class WithDefaults {

    private static final FindingThresholds D = FindingThresholds.DEFAULT;

    private WithDefaults() {
    }

    /** Returns the defaults with these long-poll thresholds. */
    public static FindingThresholds of(LongPollFinding.Thresholds t) {
        return new FindingThresholds(t, D.idleWorker(), D.schedulingDelay(), D.queueBacklog(), D.imbalance(),
                D.pinnedCarrier());
    }

    /** Returns the defaults with these idle-worker thresholds. */
    public static FindingThresholds of(IdleWorkerFinding.Thresholds t) {
        return new FindingThresholds(D.longPoll(), t, D.schedulingDelay(), D.queueBacklog(), D.imbalance(),
                D.pinnedCarrier());
    }

    /** Returns the defaults with these scheduling-delay thresholds. */
    public static FindingThresholds of(SchedulingDelayFinding.Thresholds t) {
        return new FindingThresholds(D.longPoll(), D.idleWorker(), t, D.queueBacklog(), D.imbalance(),
                D.pinnedCarrier());
    }

    /** Returns the defaults with these queue-backlog thresholds. */
    public static FindingThresholds of(QueueBacklogFinding.Thresholds t) {
        return new FindingThresholds(D.longPoll(), D.idleWorker(), D.schedulingDelay(), t, D.imbalance(),
                D.pinnedCarrier());
    }

    /** Returns the defaults with these imbalance thresholds. */
    public static FindingThresholds of(ImbalanceFinding.Thresholds t) {
        return new FindingThresholds(D.longPoll(), D.idleWorker(), D.schedulingDelay(), D.queueBacklog(), t,
                D.pinnedCarrier());
    }

    /** Returns the defaults with these pinned-carrier thresholds. */
    public static FindingThresholds of(PinnedCarrierFinding.Thresholds t) {
        return new FindingThresholds(D.longPoll(), D.idleWorker(), D.schedulingDelay(), D.queueBacklog(),
                D.imbalance(), t);
    }

    /** Returns the defaults with these blocked-event-loop thresholds. */
    public static FindingThresholds of(BlockedEventLoopFinding.Thresholds t) {
        return new FindingThresholds(D.longPoll(), D.idleWorker(), D.schedulingDelay(), D.queueBacklog(),
                D.imbalance(), D.pinnedCarrier(), t);
    }
}
