package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.PoolAssembler;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.PoolReport;
import java.util.List;
import org.openjdk.jmc.common.item.IItemCollection;

/**
 * What the findings are evaluated on, read from JMC items: the same plain data the streaming
 * consumer builds from {@code jdk.jfr.consumer} events, so that the findings' own
 * {@code evaluate} methods decide.
 *
 * @param pools the pools, by name, not {@code null}
 * @param longPolls the longest polls with their causes, longest first, not {@code null}
 * @param idle the longest parks that woke to queued work, longest first, not {@code null}
 * @param pinning the virtual-thread pinning seen, not {@code null}
 */
public record RecordingModel(List<PoolReport> pools, List<LongPoll> longPolls, List<IdleEpisode> idle,
        PinningReport pinning) {

    /**
     * Reads a model from items, with the CLI's default limits.
     *
     * @param items the recording's items, not {@code null}
     * @param thresholds the findings' thresholds, not {@code null}
     * @return the model, not {@code null}
     */
    public static RecordingModel read(IItemCollection items, FindingThresholds thresholds) {
        TaskflightReader first = new TaskflightReader(thresholds, AnalysisOptions.DEFAULT_MAX_LONG_POLLS,
                AnalysisOptions.DEFAULT_MAX_IDLE_EPISODES);
        first.read(items);
        CauseReader second = new CauseReader(first.polls.longest(), first.parks.longest(), thresholds);
        second.read(items);
        List<PoolReport> pools = new PoolAssembler(first.pools, first.polls, first.parks, first.steals,
                first.counters, first.queues).pools();
        return new RecordingModel(pools, second.longPolls(), second.idleEpisodes(),
                second.pinning());
    }

    /**
     * Reads only the virtual-thread pinning, which needs no Taskflight event.
     *
     * @param items the recording's items, not {@code null}
     * @param thresholds the findings' thresholds, not {@code null}
     * @return the pinning, not {@code null}
     */
    public static PinningReport readPinning(IItemCollection items, FindingThresholds thresholds) {
        CauseReader reader = new CauseReader(List.of(), List.of(), thresholds);
        reader.read(items);
        return reader.pinning();
    }
}
