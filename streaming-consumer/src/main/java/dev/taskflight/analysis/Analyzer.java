package dev.taskflight.analysis;

import dev.taskflight.analysis.agent.AgentInfoHandler;
import dev.taskflight.analysis.agent.AgentPresence;
import dev.taskflight.analysis.explain.Explainer;
import dev.taskflight.analysis.internal.HandlerSet;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.park.ParkAggregator;
import dev.taskflight.analysis.park.WorkerParkHandler;
import dev.taskflight.analysis.poll.PollAggregator;
import dev.taskflight.analysis.poll.SchedulingDelaySampleHandler;
import dev.taskflight.analysis.poll.TaskPollHandler;
import dev.taskflight.analysis.pool.PoolInfoHandler;
import dev.taskflight.analysis.pool.PoolRegistry;
import dev.taskflight.analysis.queue.QueueAggregator;
import dev.taskflight.analysis.queue.QueueSampleHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.RecordingInfo;
import dev.taskflight.analysis.steal.StealAggregator;
import dev.taskflight.analysis.steal.TaskStealHandler;
import dev.taskflight.analysis.worker.CounterTotals;
import dev.taskflight.analysis.worker.ThreadStartHandler;
import dev.taskflight.analysis.worker.WorkerCounterAggregator;
import dev.taskflight.analysis.worker.WorkerSampleHandler;
import dev.taskflight.events.EventNames;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The analysis engine's first pass, independent of where events come from: Taskflight events into
 * per-pool and per-worker statistics, keeping the longest polls and idle periods.
 *
 * <p>Feed it events one at a time with {@link #accept(RecordedEvent)}, or let a stream call it with
 * {@link #register(EventStream)} (which lets a file stream skip the events no handler reads). Then
 * {@link #newExplainer()} gives the second pass over the JDK's own events, and
 * {@link #report(RecordingInfo, Explainer, List)} the result. Over a file,
 * {@link dev.taskflight.analysis.source.FileAnalysis} does all three. Memory is bounded by the
 * number of pools and workers and by the limits in {@link AnalysisOptions}, not by the number of
 * events. Not thread-safe: feed it from one thread.
 */
public final class Analyzer {

    private final AnalysisOptions options;
    private final ThreadDirectory threads = new ThreadDirectory();
    private final PoolRegistry pools = new PoolRegistry();
    private final PollAggregator polls;
    private final ParkAggregator parks;
    private final StealAggregator steals = new StealAggregator();
    private final WorkerCounterAggregator counters = new WorkerCounterAggregator(threads);
    private final QueueAggregator queues;
    private final AgentPresence agent = new AgentPresence();
    private final HandlerSet handlers;
    /** Workers an earlier part of the same stream saw at work, bounded by {@link ThreadDirectory#CAPACITY}. */
    private final Set<WorkerKey> seenBefore = new HashSet<>();

    /**
     * Creates an analyzer.
     *
     * @param options the thresholds and limits, not {@code null}
     */
    public Analyzer(AnalysisOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.polls = new PollAggregator(options.thresholds().longPoll(), options.maxLongPolls(), threads,
                options.thresholds().schedulingDelay().p99Warning().toNanos());
        this.parks = new ParkAggregator(options.thresholds().idleWorker(), options.maxIdleEpisodes(), threads);
        this.queues = new QueueAggregator(options.thresholds().queueBacklog());
        this.handlers = new HandlerSet(List.of(new TaskPollHandler(polls), new WorkerParkHandler(parks),
                new TaskStealHandler(steals), new WorkerSampleHandler(counters), new QueueSampleHandler(queues, pools),
                new PoolInfoHandler(pools), new ThreadStartHandler(counters),
                new SchedulingDelaySampleHandler(polls), new AgentInfoHandler(agent)));
    }

    /**
     * Returns the names of the events the first pass reads.
     *
     * @return the names, not {@code null}
     */
    public Set<String> eventNames() {
        return handlers.names();
    }

    /**
     * Registers the first pass's handlers with a stream, by event name.
     *
     * @param stream the stream, not started, not {@code null}
     */
    public void register(EventStream stream) {
        handlers.register(stream);
    }

    /**
     * Registers the first pass's handlers with a stream, by event name, for the events {@code filter}
     * accepts: a time slice's ({@link dev.taskflight.analysis.source.TimeSlice#holds}), for example.
     *
     * @param stream the stream, not started, not {@code null}
     * @param filter which of the stream's events to read, not {@code null}
     */
    public void register(EventStream stream, Predicate<? super RecordedEvent> filter) {
        handlers.register(stream, filter);
    }

    /**
     * Reads one event; events the first pass does not read are ignored.
     *
     * @param event the event, not {@code null}
     */
    public void accept(RecordedEvent event) {
        handlers.accept(event);
    }

    /**
     * Reads one event through any adapter, such as the JMC plugin's; events the first pass does not
     * read are ignored.
     *
     * @param event the event, not {@code null}
     */
    public void accept(EventView event) {
        handlers.accept(event);
    }

    /**
     * Adds what another analyzer read from a later part of the same source, so that parts of a
     * recording (time slices of a file, intervals of a stream) can be read separately and combined.
     * Merge parts in time order.
     *
     * @param later the analyzer of the later part, not used afterwards, not {@code null}
     */
    public void merge(Analyzer later) {
        threads.merge(later.threads);
        pools.merge(later.pools);
        polls.merge(later.polls);
        parks.merge(later.parks);
        steals.merge(later.steals);
        counters.merge(later.counters);
        queues.merge(later.queues);
        handlers.mergeCounts(later.handlers);
    }

    /**
     * Tells this analyzer the delay of a worker's latest {@code taskflight.SchedulingDelaySample} that an
     * earlier analyzer of the same stream counted, not yet followed by a poll event of that worker: the
     * task's poll event, if it carries that delay, does not count it again.
     *
     * @param pool the pool, not {@code null}
     * @param worker the worker index, -1 if unknown
     * @param delayNanos the sampled delay
     */
    public void delaySampledBefore(String pool, int worker, long delayNanos) {
        polls.delaySampledBefore(pool, worker, delayNanos);
    }

    /**
     * Tells this analyzer what earlier intervals of a live analysis already reported for a worker from
     * its poll and park events alone, because the worker had not been sampled yet. If this analyzer
     * counts the worker's counters from zero (its thread started within the stream), those polls are
     * in the counters too and are not counted again; otherwise this has no effect. Calls add up.
     *
     * @param pool the worker's pool, not {@code null}
     * @param worker the worker's index
     * @param reported the polls, busy and idle time, parks and steals reported; the other
     *        components are ignored; not {@code null}
     */
    public void reportedBefore(String pool, int worker, CounterTotals reported) {
        counters.reportedBefore(new WorkerKey(pool, worker), new long[] {reported.polls(), reported.busyNanos(),
                reported.idleNanos(), reported.parks(), reported.steals()});
    }

    /**
     * Tells this analyzer which threads an analyzer of an earlier part of the same stream knew as workers,
     * so that the CPU samples of a worker that sends no Taskflight event in this part (a long poll still
     * running, a worker sampled less often than the parts are cut) are not taken for work outside the
     * pools. Call it before this analyzer reads its first event.
     *
     * @param earlier the analyzer of the part just before, not {@code null}
     */
    public void threadsFrom(Analyzer earlier) {
        threads.merge(earlier.threads);
    }

    /**
     * Tells this analyzer that an earlier part of the same stream saw a worker at work (a poll, a park, a
     * poll event, or a poll in progress): its thread's CPU samples in this part are not counted as unseen
     * work even if this part shows none of its work, such as a long poll that has not ended yet. Workers
     * never seen at work, in any part, still are.
     *
     * @param pool the worker's pool, not {@code null}
     * @param worker the worker's index
     */
    public void seenBefore(String pool, int worker) {
        if (seenBefore.size() < ThreadDirectory.CAPACITY) {
            seenBefore.add(new WorkerKey(pool, worker));
        }
    }

    /**
     * Tells this analyzer what an earlier interval of a live analysis read of a pool's identity from its
     * {@code QueueSample}s, so that an interval without a {@code PoolInfo} or a {@code QueueSample} of the
     * pool (a stream that began after the chunk's {@code PoolInfo}) still names its kind. A
     * {@code PoolInfo} this analyzer reads wins, as in a file.
     *
     * @param pool the pool, not {@code null}
     * @param kind the pool's kind, {@code null} if the sample did not say
     * @param parallelism the pool's target number of workers, -1 if unknown
     */
    public void sampledBefore(String pool, String kind, int parallelism) {
        pools.sampled(pool, kind, parallelism);
    }

    /**
     * Returns how many Taskflight events were read.
     *
     * @return the count
     */
    public long taskflightEvents() {
        long n = 0;
        for (String name : EventNames.ALL) {
            n += handlers.handled(name);
        }
        return n;
    }

    /**
     * Returns how many events could not be read and were skipped.
     *
     * @return the count
     */
    public long unreadableEvents() {
        return handlers.unreadable();
    }

    /**
     * Returns the second pass, for the long polls and idle periods kept so far.
     *
     * @return a new explainer, not {@code null}
     */
    public Explainer newExplainer() {
        return new Explainer(options, polls, parks.longest(), threads);
    }

    /**
     * Builds the report.
     *
     * @param recording what was analyzed, not {@code null}
     * @param explainer the second pass, after it read its events, not {@code null}
     * @param warnings problems with the input, not {@code null}
     * @return the report, not {@code null}
     */
    public AnalysisReport report(RecordingInfo recording, Explainer explainer, List<String> warnings) {
        return new ReportAssembler(options, pools, polls, parks, steals, counters, queues, agent, seenBefore)
                .assemble(recording, explainer, taskflightEvents(), warnings);
    }
}
