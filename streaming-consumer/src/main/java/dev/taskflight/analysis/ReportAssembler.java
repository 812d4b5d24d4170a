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
    private final WorkerCounterAggregator counters;
    private final Set<WorkerKey> seenBefore;

    ReportAssembler(AnalysisOptions options, PoolRegistry registry, PollAggregator polls, ParkAggregator parks,
            StealAggregator steals, WorkerCounterAggregator counters, QueueAggregator queues, AgentPresence agent,
            Set<WorkerKey> seenBefore) {
        this.options = options;
        this.agent = agent;
        this.counters = counters;
        this.seenBefore = seenBefore;
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
     * Whether a worker's report shows nothing Taskflight saw of it: no task run, no wait, no long poll,
     * here or in an earlier part of the same stream ({@code seenBefore}). Such a worker is known only from
     * its samples (after an attach, a worker whose loop the agent could not reach): what its thread ran
     * was not seen. A worker sampled once, already running, is not judged: one sample cannot say what it
     * did (a stream's first interval of a worker that was busy long before).
     */
    private Predicate<WorkerKey> neverSeen(List<PoolReport> pools, List<LongPoll> longPolls) {
        Set<WorkerKey> seen = new HashSet<>(seenBefore);
        seen.addAll(counters.baselineOnly());
        Set<WorkerKey> reported = new HashSet<>();
        for (PoolReport pool : pools) {
            for (WorkerReport w : pool.workers()) {
                WorkerKey key = new WorkerKey(w.pool(), w.worker());
                reported.add(key);
                if (w.seenAtWork()) {
                    seen.add(key);
                }
            }
        }
        longPolls.forEach(p -> seen.add(new WorkerKey(p.pool(), p.worker())));
        return key -> reported.contains(key) && !seen.contains(key);
    }
}
