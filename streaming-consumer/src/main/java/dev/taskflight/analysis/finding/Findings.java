package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.ThreadGroupReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every finding over the aggregated statistics: plain data in, findings out. */
public final class Findings {

    /** The finding types, in the order reports list them at equal severity. */
    public static final List<String> TYPES = List.of(PoolThreadBlockingFinding.TYPE, BlockedEventLoopFinding.TYPE, LongPollFinding.TYPE, IdleWorkerFinding.TYPE,
            SchedulingDelayFinding.TYPE, QueueBacklogFinding.TYPE, ImbalanceFinding.TYPE, PinnedCarrierFinding.TYPE);

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparingInt(f -> TYPES.indexOf(f.type()))
            .thenComparing(f -> f.pool() == null ? "" : f.pool())
            .thenComparingInt(Finding::worker);

    private Findings() {
    }

    /**
     * Evaluates every finding.
     *
     * @param pools the pools, not {@code null}
     * @param longPolls the longest polls, longest first, not {@code null}
     * @param idle the longest parks that woke to queued work, not {@code null}
     * @param pinning the pinning seen, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, most severe first, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, List<LongPoll> longPolls, List<IdleEpisode> idle,
            PinningReport pinning, FindingThresholds t) {
        return evaluate(pools, longPolls, idle, pinning, List.of(), t);
    }

    /**
     * Evaluates every finding, those of pool threads Taskflight did not see included.
     *
     * @param pools the pools, not {@code null}
     * @param longPolls the longest polls, longest first, not {@code null}
     * @param idle the longest parks that woke to queued work, not {@code null}
     * @param pinning the pinning seen, not {@code null}
     * @param threadGroups what the JDK's events say about pool threads, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, most severe first, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, List<LongPoll> longPolls, List<IdleEpisode> idle,
            PinningReport pinning, List<ThreadGroupReport> threadGroups, FindingThresholds t) {
        List<Finding> all = new ArrayList<>(PoolThreadBlockingFinding.evaluate(threadGroups));
        all.addAll(BlockedEventLoopFinding.evaluate(pools, longPolls, t.blockedEventLoop()));
        all.addAll(LongPollFinding.evaluate(pools, longPolls, t.longPoll()));
        all.addAll(IdleWorkerFinding.evaluate(pools, idle, t.idleWorker()));
        all.addAll(SchedulingDelayFinding.evaluate(pools, t.schedulingDelay()));
        all.addAll(QueueBacklogFinding.evaluate(pools, t.queueBacklog()));
        all.addAll(ImbalanceFinding.evaluate(pools, t.imbalance()));
        all.addAll(PinnedCarrierFinding.evaluate(pinning, t.pinnedCarrier()));
        all.sort(ORDER);
        return all;
    }
}
