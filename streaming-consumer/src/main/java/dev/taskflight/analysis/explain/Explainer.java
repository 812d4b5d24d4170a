package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.HandlerSet;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.jdk.PinningAggregator;
import dev.taskflight.analysis.jdk.ThreadGroupAggregator;
import dev.taskflight.analysis.park.IdleCandidate;
import dev.taskflight.analysis.poll.LongPollCandidate;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.ThreadGroupReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private final List<Window> idleWindows = new ArrayList<>();
    private final Correlation c;
    private final HandlerSet handlers;

    /**
     * Creates the second pass for the periods kept by the first.
     *
     * @param options the analysis options, not {@code null}
     * @param polls the long polls to explain, not {@code null}
     * @param idle the idle parks to explain, not {@code null}
     * @param threads which threads are which pools' workers, not {@code null}
     */
    public Explainer(AnalysisOptions options, List<LongPollCandidate> polls, List<IdleCandidate> idle,
            ThreadDirectory threads) {
        this.longPoll = options.thresholds().longPoll();
        this.polls = List.copyOf(polls);
        this.idle = List.copyOf(idle);
        this.c = new Correlation(new ThreadGroupAggregator(threads),
                new PinningAggregator(options.thresholds().pinnedCarrier()));
        for (LongPollCandidate p : this.polls) {
            Window w = new Window(p.startNanos(), p.endNanos());
            pollWindows.add(w);
            c.threads.add(p.threadId(), w);
            if (p.virtualThreadId() >= 0) {
                c.threads.add(p.virtualThreadId(), w);
            }
        }
        for (IdleCandidate i : this.idle) {
            Window w = new Window(i.startNanos(), i.endNanos());
            idleWindows.add(w);
            c.idlePools.add(i.pool(), w);
        }
        this.handlers = new HandlerSet(List.of(new ExecutionSampleHandler(c), new CpuTimeSampleHandler(c),
                new MonitorEnterHandler(c), new MonitorWaitHandler(c), new ThreadParkHandler(c),
                new ThreadSleepHandler(c), new SocketReadHandler(c), new SocketWriteHandler(c),
                new FileReadHandler(c), new FileWriteHandler(c), new VirtualThreadPinnedHandler(c),
                new ActiveSettingHandler(c), new QueueDuringIdleHandler(c), new PollInProgressHandler(c)));
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
     * Returns the long polls with what the JDK recorded during them, longest first.
     *
     * @return the long polls, not {@code null}
     */
    public List<LongPoll> longPolls() {
        Long configured = c.periodsByTypeId.get(c.executionSampleTypeId);
        long period = configured == null ? DEFAULT_SAMPLE_PERIOD_NANOS : configured;
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
