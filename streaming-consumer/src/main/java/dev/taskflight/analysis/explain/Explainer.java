package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.HandlerSet;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.jdk.PinningAggregator;
import dev.taskflight.analysis.jdk.ThreadGroupAggregator;
import dev.taskflight.analysis.park.IdleCandidate;
import dev.taskflight.analysis.poll.LongDelay;
import dev.taskflight.analysis.poll.LongPollCandidate;
import dev.taskflight.analysis.poll.PollAggregator;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.DelayExplanation;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.ThreadGroupReport;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.report.UnseenWork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The second pass: reads the JDK's own events and attributes them to the long polls and idle parks
 * the first pass kept (same thread, overlapping time), and summarizes pool threads and pinning.
 *
 * <p>The periods must be known before the events are read: over a file, that is a second pass. A
 * live source would buffer recent JDK events per thread instead. Not thread-safe: feed it from one
 * thread.
 */
public final class Explainer {

    /** The sampling period assumed when the recording does not state it (the JDK's default profile). */
    public static final long DEFAULT_SAMPLE_PERIOD_NANOS = 20_000_000L;

    private final LongPollFinding.Thresholds longPoll;
    private final List<LongPollCandidate> polls;
    private final List<IdleCandidate> idle;
    private final List<Window> pollWindows = new ArrayList<>();
    private final List<Window> allPollWindows = new ArrayList<>();
    private final List<Window> idleWindows = new ArrayList<>();
    private final Map<String, PoolCauses> poolCauses = new TreeMap<>();
    private final Map<String, List<LongDelay>> delays;
    private final Map<String, List<Window>> delayWindows = new TreeMap<>();
    private final Map<String, Integer> workersPerPool;
    private final long uncovered;
    private final Correlation c;
    private final HandlerSet handlers;
    private boolean finished;

    /**
     * Creates the second pass for the periods kept by the first.
     *
     * @param options the analysis options, not {@code null}
     * @param polls the first pass's polls: the longest to explain one by one, every long poll for the
     *        pools' cause breakdowns, the longest scheduling delays; not {@code null}
     * @param idle the idle parks to explain, not {@code null}
     * @param threads which threads are which pools' workers, not {@code null}
     */
    public Explainer(AnalysisOptions options, PollAggregator polls, List<IdleCandidate> idle,
            ThreadDirectory threads) {
        this.longPoll = options.thresholds().longPoll();
        this.polls = List.copyOf(polls.longest());
        this.idle = List.copyOf(idle);
        this.delays = polls.longestDelays();
        this.uncovered = polls.uncoveredLongPolls();
        Map<String, Integer> workers = new HashMap<>();
        polls.workers().keySet().forEach(k -> workers.merge(k.pool(), 1, Integer::sum));
        this.workersPerPool = workers;
        this.c = new Correlation(threads, new ThreadGroupAggregator(threads),
                new PinningAggregator(options.thresholds().pinnedCarrier()));
        Map<LongPollCandidate, Window> logged = new IdentityHashMap<>();
        Set<LongPollCandidate> longest = Collections.newSetFromMap(new IdentityHashMap<>());
        longest.addAll(this.polls);
        for (LongPollCandidate p : polls.allLongPolls()) {
            PoolCauses pool = poolCauses.computeIfAbsent(p.pool(), PoolCauses::new);
            pool.poll(p.durationNanos());
            Window w = new Window(p.startNanos(), p.endNanos(), longest.contains(p) ? new CauseAccumulator() : null, pool);
            logged.put(p, w);
            add(p, w);
        }
        for (LongPollCandidate p : this.polls) {
            Window w = logged.get(p);
            if (w == null) {
                w = new Window(p.startNanos(), p.endNanos(), new CauseAccumulator(), null);
                add(p, w);
            }
            pollWindows.add(w);
        }
        for (IdleCandidate i : this.idle) {
            Window w = new Window(i.startNanos(), i.endNanos(), null, null);
            idleWindows.add(w);
            c.idlePools.add(i.pool(), w);
        }
        delays.forEach((pool, list) -> {
            for (LongDelay d : list) {
                Window w = new Window(d.waitStartNanos(), d.waitEndNanos(), null, null);
                w.holders = new BoundedCounts<>(DelayAssembler.MAX_HOLDERS);
                w.sites = new BoundedCounts<>(DelayAssembler.MAX_SITES);
                delayWindows.computeIfAbsent(pool, k -> new ArrayList<>()).add(w);
                c.delayPools.add(pool, w);
            }
        });
        List<EventHandler> list = new ArrayList<>(List.of(new ExecutionSampleHandler(c), new CpuTimeSampleHandler(c),
                new MonitorEnterHandler(c), new MonitorWaitHandler(c), new ThreadParkHandler(c),
                new ThreadSleepHandler(c), new SocketReadHandler(c), new SocketWriteHandler(c),
                new FileReadHandler(c), new FileWriteHandler(c), new VirtualThreadPinnedHandler(c),
                new ActiveSettingHandler(c), new QueueDuringIdleHandler(c), new PollInProgressHandler(c),
                new JvmPauseHandler(c, JdkEventNames.GC_PHASE_PAUSE, JvmPauses.GC_PHASE),
                new JvmPauseHandler(c, JdkEventNames.GARBAGE_COLLECTION, JvmPauses.GC_COLLECTION),
                new JvmPauseHandler(c, JdkEventNames.SAFEPOINT_BEGIN, JvmPauses.SAFEPOINT_BEGIN),
                new CpuLoadHandler(c), new PollCpuTimeHandler(c)));
        if (!delayWindows.isEmpty()) {
            list.add(DelayHandler.polls(c));
            list.add(DelayHandler.parks(c));
        }
        this.handlers = new HandlerSet(list);
    }

    private void add(LongPollCandidate p, Window w) {
        allPollWindows.add(w);
        c.threads.add(p.threadId(), w);
        if (p.virtualThreadId() >= 0) {
            c.threads.add(p.virtualThreadId(), w);
        }
    }

    /**
     * Returns the names of the events this pass reads.
     *
     * @return the names, not {@code null}
     */
    public Set<String> eventNames() {
        return handlers.names();
    }

    /**
     * Registers this pass's handlers with a stream, by event name.
     *
     * @param stream the stream, not started, not {@code null}
     */
    public void register(EventStream stream) {
        handlers.register(stream);
    }

    /**
     * Reads one event; events this pass does not read are ignored.
     *
     * @param event the event, not {@code null}
     */
    public void accept(RecordedEvent event) {
        handlers.accept(event);
    }

    /**
     * Reads one event through any adapter; events this pass does not read are ignored.
     *
     * @param event the event, not {@code null}
     */
    public void accept(EventView event) {
        handlers.accept(event);
    }

    /**
     * Returns the long polls with what the JDK recorded during them, longest first.
     *
     * @return the long polls, not {@code null}
     */
    public List<LongPoll> longPolls() {
        finish();
        long period = c.samplePeriod(DEFAULT_SAMPLE_PERIOD_NANOS);
        List<LongPoll> list = new ArrayList<>(polls.size());
        for (int i = 0; i < polls.size(); i++) {
            LongPollCandidate p = polls.get(i);
            list.add(new LongPoll(p.pool(), p.worker(), p.thread(), p.taskClass(), p.virtualThread(),
                    Fields.instant(p.startNanos()), p.durationNanos(),
                    LongPollFinding.severityOf(p.durationNanos(), longPoll),
                    pollWindows.get(i).causes.explain(p.durationNanos(), period)));
        }
        return list;
    }

    /**
     * Returns, per pool with long polls, the share of its long-poll time in each cause, over every
     * long poll of the pool.
     *
     * @return the breakdowns, by pool name, not {@code null}
     */
    public List<CauseBreakdown> breakdowns() {
        finish();
        long period = c.samplePeriod(DEFAULT_SAMPLE_PERIOD_NANOS);
        List<CauseBreakdown> list = new ArrayList<>();
        poolCauses.values().forEach(p -> list.add(p.breakdown(period, uncovered)));
        return list;
    }

    /**
     * Returns, per pool with long scheduling delays, what held its workers while tasks waited.
     *
     * @return the explanations, by pool name, not {@code null}
     */
    public List<DelayExplanation> delays() {
        List<DelayExplanation> list = new ArrayList<>();
        delayWindows.forEach((pool, windows) -> list.add(DelayAssembler.explain(pool,
                workersPerPool.getOrDefault(pool, 1), delays.get(pool), windows)));
        return list;
    }

    /**
     * Charges to the long polls, once, after the events were read: the JVM's pauses; then, of what
     * nothing else explains, the CPU time their threads' clocks measured beyond the samples, the machine's
     * saturated time, and the time the clocks show off CPU.
     */
    private void finish() {
        if (!finished) {
            finished = true;
            c.pauses.charge(allPollWindows);
            chargeUnrecorded(allPollWindows, c.load, c.samplePeriod(DEFAULT_SAMPLE_PERIOD_NANOS));
        }
    }

    /**
     * Charges what nothing recorded explains of the long polls, in this order: the CPU time their
     * threads' clocks measured beyond the samples, the machine's saturated time, and the time the clocks
     * show off CPU. The saturation comes before the time off CPU: on a saturated machine, a thread off CPU
     * with no event was most likely waiting for a core.
     *
     * @param windows the long polls' windows, every sample and event counted
     * @param load the machine's CPU readings
     * @param samplePeriodNanos what an execution sample counts for
     */
    static void chargeUnrecorded(List<Window> windows, MachineLoad load, long samplePeriodNanos) {
        windows.forEach(w -> w.unsampledCpu(samplePeriodNanos));
        load.charge(windows, samplePeriodNanos);
        windows.forEach(w -> w.offCpu(samplePeriodNanos));
    }

    /**
     * Returns the idle parks with how long queue samples showed work waiting, longest first.
     *
     * @return the idle episodes, not {@code null}
     */
    public List<IdleEpisode> idleEpisodes() {
        List<IdleEpisode> list = new ArrayList<>(idle.size());
        for (int i = 0; i < idle.size(); i++) {
            IdleCandidate p = idle.get(i);
            Window w = idleWindows.get(i);
            long queuedFor = w.earliestQueued == Long.MAX_VALUE ? -1 : p.endNanos() - w.earliestQueued;
            list.add(new IdleEpisode(p.pool(), p.worker(), p.thread(), Fields.instant(p.startNanos()),
                    p.durationNanos(), p.queuedTasks(), queuedFor, w.maxQueued));
        }
        return list;
    }

    /**
     * Returns what the JDK's events say about pool threads.
     *
     * @return the thread groups, by name, not {@code null}
     */
    public List<ThreadGroupReport> threadGroups() {
        return c.groups.reports();
    }

    /**
     * Returns the application code that ran on threads outside the pools.
     *
     * @return what the pools' verdict cannot speak for, not {@code null}
     */
    public UnseenWork unseen() {
        return c.unseen.report(c.cpuSamples);
    }

    /**
     * Returns the application code that ran on threads outside the pools, and on the threads of workers
     * Taskflight never saw run a task or wait for one.
     *
     * @param neverSeen whether a worker ran no task and waited no time that Taskflight saw
     * @return what the pools' verdict cannot speak for, not {@code null}
     */
    public UnseenWork unseen(Predicate<WorkerKey> neverSeen) {
        return c.unseen.report(c.cpuSamples, neverSeen);
    }

    /**
     * Returns the virtual-thread pinning seen.
     *
     * @return the pinning, not {@code null}
     */
    public PinningReport pinning() {
        return c.pinning.report();
    }

    /**
     * Returns the CPU samples read ({@code jdk.ExecutionSample} and {@code jdk.CPUTimeSample}).
     *
     * @return the count
     */
    public long cpuSamples() {
        return c.cpuSamples;
    }
}
