package dev.taskflight.analysis.live;

import dev.taskflight.analysis.Analyzer;
import dev.taskflight.analysis.explain.Explainer;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.RecordingInfo;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.analysis.worker.CounterTotals;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The analysis engine over a live source, cut into intervals (like tokio-metrics' {@code intervals()}):
 * every {@link IntervalOptions#interval()} of event time it closes the interval, builds a snapshot
 * per pool with the findings of the interval, and hands them to a sink.
 *
 * <p>Each interval is read by a fresh {@link Analyzer}, which starts from the last
 * {@code taskflight.WorkerSample} of every worker and the last {@code taskflight.PoolInfo} of every
 * pool seen before it, and the {@code jdk.ThreadStart} of every thread started but not yet sampled as
 * a worker (so that a worker whose first sample falls in a later interval than its start counts from
 * zero, as offline): counters are differenced across interval boundaries, so the intervals' totals
 * add up to the offline analysis of the same recording. A worker not sampled yet is reported from its
 * events; if its first sample then counts from zero, what its events already reported is left out of
 * that interval's counters rather than counted twice. A task's scheduling delay counts once even when
 * its {@code taskflight.SchedulingDelaySample} and its {@code taskflight.TaskPoll} fall in two
 * intervals. The JDK's own events of the interval are
 * buffered (bounded by {@link IntervalOptions#maxBufferedEvents()}) and read by the interval's
 * {@link Explainer} when it closes, to name what the long polls were doing. A poll the recorder's
 * watchdog reports still running ({@code taskflight.PollInProgress}) is listed in
 * {@link IntervalReport#stillRunning()} of the interval in which it was first reported, unless it
 * ended before that interval closed, and again when it passes the critical threshold and when it ends
 * ({@link StillRunning}). Each interval also says what application code its CPU samples caught where
 * Taskflight did not see it ({@link IntervalReport#unseen()}): on threads that no interval so far knew as a
 * worker, and on workers that no interval so far saw at work (a poll, a park, a poll event or a poll in
 * progress), as offline over the whole recording; a worker inside a long poll that has not ended is not
 * counted again once the watchdog has reported the poll.
 *
 * <p>Intervals are aligned to multiples of their length since the epoch and closed by the first
 * event at or after their end; {@link #finish()} closes the last one. Events must arrive in time order
 * (an ordered stream); a worker sample that arrives after a newer one of the same worker (a stream orders
 * events within each part it reads, so a remote stream can deliver one late) is ignored, as offline.
 * Memory is bounded by the number of pools and workers and by the options, not by how long the analysis
 * runs. Not thread-safe: feed it from one thread, such as the stream's.
 */
public final class IntervalAnalyzer {

    /** Workers not sampled for this many intervals (and {@link #FORGET_THREAD_STARTS_NANOS}) are forgotten. */
    static final int FORGET_AFTER_INTERVALS = 3;
    /** The most pools whose identity is remembered. */
    static final int MAX_POOLS = 10_000;
    /** The most started threads remembered until their first sample as a worker. */
    static final int MAX_THREAD_STARTS = 10_000;
    /** Started threads not sampled as workers within this long (and {@link #FORGET_AFTER_INTERVALS}) are forgotten. */
    static final long FORGET_THREAD_STARTS_NANOS = 60_000_000_000L;
    private static final String ACTIVE_SETTING = "jdk.ActiveSetting";

    private final IntervalOptions options;
    private final IntervalSink sink;
    private final String source;
    private final long intervalNanos;
    private final Set<String> firstPass;
    private final Set<String> secondPass;
    private final Map<WorkerKey, RecordedEvent> lastWorkerSamples = new LinkedHashMap<>();
    private final Map<String, RecordedEvent> poolInfos = new LinkedHashMap<>();
    /** The kind and parallelism each pool's last {@code QueueSample} stated, for pools with no {@code PoolInfo} seen. */
    private final Map<String, SampledIdentity> sampledPools = new LinkedHashMap<>();
    private final Map<Long, RecordedEvent> threadStarts = new LinkedHashMap<>();
    private final Map<String, RecordedEvent> settings = new LinkedHashMap<>();
    private final Map<WorkerKey, ReportedFromEvents> reportedFromEvents = new LinkedHashMap<>();
    private final Map<WorkerKey, Long> unmatchedDelaySamples = new LinkedHashMap<>();
    private final List<RecordedEvent> buffered = new ArrayList<>();
    private final StuckPolls stuck;
    private final PollsAhead pollsAhead = new PollsAhead();
    /**
     * Workers some interval saw at work (a poll, a park, a poll event, a poll in progress), most recently
     * seen last; bounded by {@link ThreadDirectory#CAPACITY}. Their samples in a later interval that shows
     * none of their work (a long poll still running) are not unseen work.
     */
    private final Map<WorkerKey, Boolean> seenAtWork = new LinkedHashMap<>(16, 0.75f, true);
    private Analyzer current;
    private long start = Long.MIN_VALUE;
    private long lastEventNanos;
    private long dropped;
    private long intervals;
    private long replayed;

    /**
     * Creates a live analysis.
     *
     * @param options the interval length and analysis options, not {@code null}
     * @param source a description of the source, such as a repository path, not {@code null}
     * @param sink receives each closed interval, not {@code null}
     */
    public IntervalAnalyzer(IntervalOptions options, String source, IntervalSink sink) {
        this.options = Objects.requireNonNull(options, "options");
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.intervalNanos = options.interval().toNanos();
        this.stuck = new StuckPolls(options.stillRunning(), options.analysis().thresholds().longPoll().critical().toNanos());
        this.current = new Analyzer(options.analysis());
        this.firstPass = Set.copyOf(current.eventNames());
        this.secondPass = Set.copyOf(current.newExplainer().eventNames());
    }

    /**
     * Returns the names of the events read.
     *
     * @return the names, not {@code null}
     */
    public Set<String> eventNames() {
        Set<String> all = new HashSet<>(firstPass);
        all.addAll(secondPass);
        all.add(EventNames.POLL_IN_PROGRESS);
        return all;
    }

    /**
     * Registers with a stream: makes it ordered, lets this analyzer keep event objects (no reuse),
     * reads the events it needs, and closes the last interval when the stream closes.
     *
     * @param stream the stream, not started, not {@code null}
     */
    public void register(EventStream stream) {
        stream.setOrdered(true);
        stream.setReuse(false);
        for (String name : eventNames()) {
            stream.onEvent(name, this::accept);
        }
        stream.onClose(this::finish);
    }

    /**
     * Reads one event, first closing every interval that ended before it; events not read are ignored.
     * The event object is kept until its interval closes.
     *
     * @param event the event, not {@code null}
     */
    public void accept(RecordedEvent event) {
        long t = Fields.epochNanos(event.getEndTime());
        if (start == Long.MIN_VALUE) {
            start = Math.floorDiv(t, intervalNanos) * intervalNanos;
        }
        while (t >= start + intervalNanos) {
            close(start + intervalNanos);
            if (t >= start + intervalNanos) { // nothing happened for a whole interval or more: skip ahead
                start = Math.floorDiv(t, intervalNanos) * intervalNanos;
            }
        }
        lastEventNanos = Math.max(lastEventNanos, t);
        String name = event.getEventType().getName();
        if (name.equals(EventNames.POLL_IN_PROGRESS)) {
            stuck.inProgress(event);
            seen(workerKey(event));
        } else if (name.equals(EventNames.TASK_POLL)) {
            stuck.pollEnded(event);
            if (!unmatchedDelaySamples.isEmpty()) {
                unmatchedDelaySamples.remove(workerKey(event));
            }
        } else if (name.equals(EventNames.SCHEDULING_DELAY_SAMPLE)) {
            unmatchedDelaySamples.remove(workerKey(event));
            unmatchedDelaySamples.put(workerKey(event), Fields.getLong(event, "schedulingDelay", Long.MIN_VALUE));
            if (unmatchedDelaySamples.size() > MAX_THREAD_STARTS) {
                unmatchedDelaySamples.remove(unmatchedDelaySamples.keySet().iterator().next());
            }
        }
        if (firstPass.contains(name)) {
            current.accept(event);
            remember(name, event);
        }
        if (secondPass.contains(name)) {
            if (name.equals(ACTIVE_SETTING)) {
                settings.put(Fields.getLong(event, "id", -1) + "/" + Fields.getString(event, "name", ""), event);
            } else if (buffered.size() < options.maxBufferedEvents()) {
                buffered.add(event);
            } else {
                dropped++;
            }
        }
    }

    /**
     * Closes the current interval at the last event read, if any Taskflight event (or report of a poll
     * still running) was read since it began, or, once an interval has been closed, any JDK event it keeps:
     * the CPU samples of a stream's last moments may catch work Taskflight did not see, and the intervals'
     * unseen work must add up to the offline analysis'.
     */
    public void finish() {
        if (start != Long.MIN_VALUE && lastEventNanos >= start
                && (current.taskflightEvents() > replayed || stuck.pending()
                        || intervals > 0 && !buffered.isEmpty())) {
            close(lastEventNanos + 1);
        }
    }

    /**
     * Returns how many intervals were closed.
     *
     * @return the count
     */
    public long intervals() {
        return intervals;
    }

    private static WorkerKey workerKey(RecordedEvent event) {
        return new WorkerKey(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1));
    }

    private void remember(String name, RecordedEvent event) {
        if (name.equals(EventNames.WORKER_SAMPLE)) {
            WorkerKey key = workerKey(event);
            RecordedEvent known = lastWorkerSamples.get(key);
            if (known != null && event.getEndTime().isBefore(known.getEndTime())) {
                return; // delivered late: the next interval must start from the newer sample, or it counts again
            }
            lastWorkerSamples.remove(key);
            lastWorkerSamples.put(key, event);
            threadStarts.remove(Fields.threadId(Fields.getThread(event, "workerThread")));
        } else if (name.equals(JdkEventNames.THREAD_START)) {
            long id = Fields.threadId(Fields.getThread(event, "thread"));
            if (id >= 0) {
                threadStarts.put(id, event);
                if (threadStarts.size() > MAX_THREAD_STARTS) {
                    threadStarts.remove(threadStarts.keySet().iterator().next());
                }
            }
        } else if (name.equals(EventNames.POOL_INFO)) {
            String pool = Fields.getString(event, "pool", "");
            poolInfos.remove(pool);
            poolInfos.put(pool, event);
            if (poolInfos.size() > MAX_POOLS) {
                poolInfos.remove(poolInfos.keySet().iterator().next());
            }
        } else if (name.equals(EventNames.QUEUE_SAMPLE)) {
            String kind = Fields.getString(event, FieldNames.KIND, "");
            if (!kind.isEmpty()) {
                String pool = Fields.getString(event, FieldNames.POOL, "");
                sampledPools.remove(pool);
                sampledPools.put(pool, new SampledIdentity(kind, Fields.getInt(event, FieldNames.PARALLELISM, -1)));
                if (sampledPools.size() > MAX_POOLS) {
                    sampledPools.remove(sampledPools.keySet().iterator().next());
                }
            }
        }
    }

    /** A pool's kind and parallelism as a {@code QueueSample} stated them. */
    private record SampledIdentity(String kind, int parallelism) {
    }

    private void close(long endNanos) {
        Analyzer analyzer = current;
        Explainer explainer = analyzer.newExplainer();
        settings.values().forEach(explainer::accept);
        buffered.forEach(explainer::accept);
        List<String> warnings = new ArrayList<>();
        if (dropped > 0) {
            warnings.add(dropped + " JDK events were not kept to explain long polls (bound "
                    + options.maxBufferedEvents() + " per interval).");
        }
        RecordingInfo info = new RecordingInfo(source, -1, 0, Fields.instant(start), Fields.instant(endNanos),
                false, 0);
        AnalysisReport report = analyzer.report(info, explainer, warnings);
        rememberWorkersReportedFromEvents(report);
        rememberWorkersSeenAtWork(report);
        IntervalReport interval = new IntervalReport(info.start(), info.end(), Snapshots.of(report, pollsAhead),
                report.findings(), dropped, stuck.drain(endNanos), report.unseen());
        intervals++;
        buffered.clear();
        dropped = 0;
        start = endNanos;
        current = next(endNanos);
        sink.accept(interval);
    }

    /**
     * Keeps the reports of workers counted from their events because they had no sample yet: when
     * their first sample comes and counts from zero, the next analyzers must not count those polls
     * again. A worker is dropped from here once it has counters, or when its thread start would be
     * forgotten.
     */
    private void rememberWorkersReportedFromEvents(AnalysisReport report) {
        for (PoolReport pool : report.pools()) {
            for (WorkerReport w : pool.workers()) {
                WorkerKey key = new WorkerKey(w.pool(), w.worker());
                if (w.fromCounters()) {
                    reportedFromEvents.remove(key);
                } else if (w.polls() > 0 || w.parks() > 0 || w.steals() > 0) {
                    reportedFromEvents.computeIfAbsent(key, k -> new ReportedFromEvents(start)).add(w);
                }
            }
        }
        long forgetBefore = start - Math.max(FORGET_AFTER_INTERVALS * intervalNanos, FORGET_THREAD_STARTS_NANOS);
        reportedFromEvents.values().removeIf(r -> r.since < forgetBefore);
        while (reportedFromEvents.size() > MAX_THREAD_STARTS) {
            reportedFromEvents.remove(reportedFromEvents.keySet().iterator().next());
        }
    }

    private void rememberWorkersSeenAtWork(AnalysisReport report) {
        for (PoolReport pool : report.pools()) {
            for (WorkerReport w : pool.workers()) {
                if (w.seenAtWork()) {
                    seen(new WorkerKey(w.pool(), w.worker()));
                }
            }
        }
        report.longPolls().forEach(p -> seen(new WorkerKey(p.pool(), p.worker())));
    }

    private void seen(WorkerKey worker) {
        seenAtWork.put(worker, Boolean.TRUE);
        if (seenAtWork.size() > ThreadDirectory.CAPACITY) {
            seenAtWork.remove(seenAtWork.keySet().iterator().next());
        }
    }

    /** What the intervals since {@code since} reported for one worker from its events alone. */
    private static final class ReportedFromEvents {
        final long since;
        long polls;
        long busyNanos;
        long idleNanos;
        long parks;
        long steals;

        ReportedFromEvents(long since) {
            this.since = since;
        }

        void add(WorkerReport w) {
            polls += w.polls();
            busyNanos += w.busyNanos();
            idleNanos += w.idleNanos();
            parks += w.parks();
            steals += w.steals();
        }

        CounterTotals totals() {
            return new CounterTotals(polls, busyNanos, idleNanos, parks, steals, -1, 0, "");
        }
    }

    /**
     * A fresh analyzer that starts from the pools' identities, the threads started but not yet
     * sampled, and the workers' last counters.
     */
    private Analyzer next(long endNanos) {
        Analyzer a = new Analyzer(options.analysis());
        a.threadsFrom(current);
        seenAtWork.keySet().forEach(w -> a.seenBefore(w.pool(), w.worker()));
        // A worker's samples may be far apart (a starved sampler, a long sampling period): forgetting its
        // last one too soon would turn its next into a new baseline and lose what it counted in between.
        long forgetBefore = endNanos - Math.max(FORGET_AFTER_INTERVALS * intervalNanos, FORGET_THREAD_STARTS_NANOS);
        lastWorkerSamples.values().removeIf(e -> Fields.epochNanos(e.getEndTime()) < forgetBefore);
        long forgetStartsBefore = forgetBefore;
        threadStarts.values().removeIf(e -> Fields.epochNanos(e.getEndTime()) < forgetStartsBefore);
        poolInfos.values().forEach(a::accept);
        sampledPools.forEach((pool, id) -> a.sampledBefore(pool, id.kind(), id.parallelism()));
        threadStarts.values().forEach(a::accept);
        lastWorkerSamples.values().forEach(a::accept);
        reportedFromEvents.forEach((key, r) -> a.reportedBefore(key.pool(), key.worker(), r.totals()));
        // a task's delay sample in this interval and its poll event in a later one count once
        unmatchedDelaySamples.forEach((key, delay) -> a.delaySampledBefore(key.pool(), key.worker(), delay));
        replayed = poolInfos.size() + lastWorkerSamples.size();
        return a;
    }
}
