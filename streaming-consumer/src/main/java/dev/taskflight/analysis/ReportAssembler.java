package dev.taskflight.analysis;

import dev.taskflight.analysis.agent.AgentPresence;
import dev.taskflight.analysis.explain.Explainer;
import dev.taskflight.analysis.finding.Findings;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.park.ParkAggregator;
import dev.taskflight.analysis.poll.PollAggregator;
import dev.taskflight.analysis.pool.PoolRegistry;
import dev.taskflight.analysis.queue.QueueAggregator;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.RecordingInfo;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.analysis.steal.StealAggregator;
import dev.taskflight.analysis.worker.WorkerCounterAggregator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Turns the aggregators' state into a report: pools, workers, findings and notes. */
final class ReportAssembler {

    private final AnalysisOptions options;
    private final PoolAssembler pools;
    private final AgentPresence agent;

    ReportAssembler(AnalysisOptions options, PoolRegistry registry, PollAggregator polls, ParkAggregator parks,
            StealAggregator steals, WorkerCounterAggregator counters, QueueAggregator queues, AgentPresence agent) {
        this.options = options;
        this.agent = agent;
        this.pools = new PoolAssembler(registry, polls, parks, steals, counters, queues);
    }

    AnalysisReport assemble(RecordingInfo info, Explainer explainer, long taskflightEvents, List<String> warnings) {
        RecordingInfo recording = new RecordingInfo(info.source(), info.sizeBytes(), info.chunks(), info.start(),
                info.end(), info.truncated(), taskflightEvents);
        List<PoolReport> pools = this.pools.pools();
        List<LongPoll> longPolls = explainer.longPolls();
        List<IdleEpisode> idle = explainer.idleEpisodes();
        PinningReport pinning = explainer.pinning();
        return new AnalysisReport(recording, pools, longPolls, idle, explainer.threadGroups(), pinning,
                Findings.evaluate(pools, longPolls, idle, pinning, explainer.threadGroups(), options.thresholds()),
                Notes.of(pools, longPolls, taskflightEvents, explainer.cpuSamples(), options, agent), warnings,
                explainer.breakdowns(), explainer.delays(), explainer.unseen(neverSeen(pools, longPolls)));
    }

    /**
     * Whether a worker's report shows nothing Taskflight saw of it: no task run, no wait, no long poll.
     * Such a worker is known only from its samples (after an attach, a worker whose loop the agent could
     * not reach): what its thread ran was not seen.
     */
    private static Predicate<WorkerKey> neverSeen(List<PoolReport> pools, List<LongPoll> longPolls) {
        Set<WorkerKey> seen = new HashSet<>();
        Set<WorkerKey> reported = new HashSet<>();
        for (PoolReport pool : pools) {
            for (WorkerReport w : pool.workers()) {
                WorkerKey key = new WorkerKey(w.pool(), w.worker());
                reported.add(key);
                if (w.polls() > 0 || w.parks() > 0 || w.pollEvents() > 0 || w.idleNanos() > 0) {
                    seen.add(key);
                }
            }
        }
        longPolls.forEach(p -> seen.add(new WorkerKey(p.pool(), p.worker())));
        return key -> reported.contains(key) && !seen.contains(key);
    }
}
