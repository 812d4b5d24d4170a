package dev.taskflight.analysis.finding;

import java.util.Objects;

/**
 * The thresholds of every finding, in one value.
 *
 * @param longPoll the long-poll thresholds, not {@code null}
 * @param idleWorker the idle-worker thresholds, not {@code null}
 * @param schedulingDelay the scheduling-delay thresholds, not {@code null}
 * @param queueBacklog the queue-backlog thresholds, not {@code null}
 * @param imbalance the imbalance thresholds, not {@code null}
 * @param pinnedCarrier the pinned-carrier thresholds, not {@code null}
 * @param blockedEventLoop the blocked-event-loop thresholds, not {@code null}
 */
public record FindingThresholds(LongPollFinding.Thresholds longPoll, IdleWorkerFinding.Thresholds idleWorker,
        SchedulingDelayFinding.Thresholds schedulingDelay, QueueBacklogFinding.Thresholds queueBacklog,
        ImbalanceFinding.Thresholds imbalance, PinnedCarrierFinding.Thresholds pinnedCarrier,
        BlockedEventLoopFinding.Thresholds blockedEventLoop) {

    /** Every finding's defaults. */
    public static final FindingThresholds DEFAULT = new FindingThresholds(LongPollFinding.Thresholds.DEFAULT,
            IdleWorkerFinding.Thresholds.DEFAULT, SchedulingDelayFinding.Thresholds.DEFAULT,
            QueueBacklogFinding.Thresholds.DEFAULT, ImbalanceFinding.Thresholds.DEFAULT,
            PinnedCarrierFinding.Thresholds.DEFAULT, BlockedEventLoopFinding.Thresholds.DEFAULT);

    /**
     * Creates thresholds with the blocked-event-loop defaults.
     *
     * @param longPoll the long-poll thresholds, not {@code null}
     * @param idleWorker the idle-worker thresholds, not {@code null}
     * @param schedulingDelay the scheduling-delay thresholds, not {@code null}
     * @param queueBacklog the queue-backlog thresholds, not {@code null}
     * @param imbalance the imbalance thresholds, not {@code null}
     * @param pinnedCarrier the pinned-carrier thresholds, not {@code null}
     */
    public FindingThresholds(LongPollFinding.Thresholds longPoll, IdleWorkerFinding.Thresholds idleWorker,
            SchedulingDelayFinding.Thresholds schedulingDelay, QueueBacklogFinding.Thresholds queueBacklog,
            ImbalanceFinding.Thresholds imbalance, PinnedCarrierFinding.Thresholds pinnedCarrier) {
        this(longPoll, idleWorker, schedulingDelay, queueBacklog, imbalance, pinnedCarrier,
                BlockedEventLoopFinding.Thresholds.DEFAULT);
    }

    /** Checks that no thresholds are missing. */
    public FindingThresholds {
        Objects.requireNonNull(longPoll, "longPoll");
        Objects.requireNonNull(idleWorker, "idleWorker");
        Objects.requireNonNull(schedulingDelay, "schedulingDelay");
        Objects.requireNonNull(queueBacklog, "queueBacklog");
        Objects.requireNonNull(imbalance, "imbalance");
        Objects.requireNonNull(pinnedCarrier, "pinnedCarrier");
        Objects.requireNonNull(blockedEventLoop, "blockedEventLoop");
    }
}
