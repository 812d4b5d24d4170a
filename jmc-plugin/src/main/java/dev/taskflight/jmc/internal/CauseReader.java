package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.explain.CauseAccumulator;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.jdk.PinningAggregator;
import dev.taskflight.analysis.park.IdleCandidate;
import dev.taskflight.analysis.poll.LongPollCandidate;
import dev.taskflight.analysis.queue.QueueAggregator;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.events.EventNames;
import dev.taskflight.jmc.internal.ItemFields.Numeric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.flightrecorder.JfrAttributes;

/**
 * The second pass over JMC items: what the JDK recorded on a worker's thread during each long poll
 * (CPU samples, monitors, parks, sleeps, I/O, pinning), attributed with the streaming consumer's
 * {@link CauseAccumulator} by the same rules as {@code jfr-analyze}'s explainer: same thread,
 * overlapping time.
 */
final class CauseReader {

    /** The sampling period assumed when the recording does not state it, as the CLI assumes. */
    static final long DEFAULT_SAMPLE_PERIOD_NANOS = 20_000_000L;

    private final List<LongPollCandidate> polls;
    private final List<IdleCandidate> idle;
    private final LongPollFinding.Thresholds longPoll;
    private final List<Window> pollWindows = new ArrayList<>();
    private final List<Window> idleWindows = new ArrayList<>();
    private final Map<Long, List<Window>> byThread = new HashMap<>();
    private final Map<String, List<Window>> byPool = new HashMap<>();
    private final PinningAggregator pinning;
    private long samplePeriod = DEFAULT_SAMPLE_PERIOD_NANOS;

    CauseReader(List<LongPollCandidate> polls, List<IdleCandidate> idle, FindingThresholds t) {
        this.polls = polls;
        this.idle = idle;
        this.longPoll = t.longPoll();
        this.pinning = new PinningAggregator(t.pinnedCarrier());
        for (LongPollCandidate p : polls) {
            Window w = new Window(p.startNanos(), p.endNanos());
            pollWindows.add(w);
            byThread.computeIfAbsent(p.threadId(), k -> new ArrayList<>()).add(w);
            if (p.virtualThreadId() >= 0) {
                byThread.computeIfAbsent(p.virtualThreadId(), k -> new ArrayList<>()).add(w);
            }
        }
        for (IdleCandidate i : idle) {
            Window w = new Window(i.startNanos(), i.endNanos());
            idleWindows.add(w);
            byPool.computeIfAbsent(i.pool(), k -> new ArrayList<>()).add(w);
        }
    }

    void read(IItemCollection items) {
        samplePeriod = SamplingPeriod.of(items, JdkEvents.EXECUTION_SAMPLE, DEFAULT_SAMPLE_PERIOD_NANOS);
        TaskflightReader.forEach(items, JdkEvents.EXECUTION_SAMPLE, this::executionSamples);
        TaskflightReader.forEach(items, JdkEvents.CPU_TIME_SAMPLE, this::cpuTimeSamples);
        blocking(items, JdkEvents.MONITOR_ENTER, CauseKind.MONITOR_ENTER, TaskflightAttributes.MONITOR_CLASS);
        blocking(items, JdkEvents.MONITOR_WAIT, CauseKind.MONITOR_WAIT, TaskflightAttributes.MONITOR_CLASS);
        blocking(items, JdkEvents.THREAD_PARK, CauseKind.PARK, TaskflightAttributes.PARKED_CLASS);
        blocking(items, JdkEvents.THREAD_SLEEP, CauseKind.SLEEP, null);
        TaskflightReader.forEach(items, JdkEvents.SOCKET_READ, (type, it) -> sockets(type, it, CauseKind.SOCKET_READ));
        TaskflightReader.forEach(items, JdkEvents.SOCKET_WRITE, (type, it) -> sockets(type, it, CauseKind.SOCKET_WRITE));
        blockingText(items, JdkEvents.FILE_READ, CauseKind.FILE_READ);
        blockingText(items, JdkEvents.FILE_WRITE, CauseKind.FILE_WRITE);
        TaskflightReader.forEach(items, JdkEvents.VIRTUAL_THREAD_PINNED, this::pinned);
        if (!byPool.isEmpty()) {
            TaskflightReader.forEach(items, EventNames.QUEUE_SAMPLE, this::queueDuringIdle);
        }
    }

    List<LongPoll> longPolls() {
        List<LongPoll> list = new ArrayList<>(polls.size());
        for (int i = 0; i < polls.size(); i++) {
            LongPollCandidate p = polls.get(i);
            list.add(new LongPoll(p.pool(), p.worker(), p.thread(), p.taskClass(), p.virtualThread(),
                    instant(p.startNanos()), p.durationNanos(), LongPollFinding.severityOf(p.durationNanos(), longPoll),
                    pollWindows.get(i).causes.explain(p.durationNanos(), samplePeriod)));
        }
        return list;
    }

    List<IdleEpisode> idleEpisodes() {
        List<IdleEpisode> list = new ArrayList<>(idle.size());
        for (int i = 0; i < idle.size(); i++) {
            IdleCandidate p = idle.get(i);
            Window w = idleWindows.get(i);
            long queuedFor = w.earliestQueued == Long.MAX_VALUE ? -1 : p.endNanos() - w.earliestQueued;
            list.add(new IdleEpisode(p.pool(), p.worker(), p.thread(), instant(p.startNanos()), p.durationNanos(),
                    p.queuedTasks(), queuedFor, w.maxQueued));
        }
        return list;
    }

    PinningReport pinning() {
        return pinning.report();
    }

    private void executionSamples(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, JfrAttributes.EVENT_THREAD);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        IMemberAccessor<IMCStackTrace, IItem> stack = ItemFields.accessor(type, JfrAttributes.EVENT_STACKTRACE);
        for (IItem item : items) {
            long time = ItemFields.epochNanos(ItemFields.get(start, item), 0);
            forWindows(ItemFields.threadId(ItemFields.get(thread, item)), time, time,
                    w -> w.causes.executionSample(ItemFields.topFrame(ItemFields.get(stack, item))));
        }
    }

    private void cpuTimeSamples(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, JfrAttributes.EVENT_THREAD);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        IMemberAccessor<IMCStackTrace, IItem> stack = ItemFields.accessor(type, JfrAttributes.EVENT_STACKTRACE);
        IMemberAccessor<IQuantity, IItem> period = ItemFields.accessor(type, TaskflightAttributes.SAMPLING_PERIOD);
        IMemberAccessor<Boolean, IItem> failed = ItemFields.accessor(type, TaskflightAttributes.FAILED);
        for (IItem item : items) {
            long time = ItemFields.epochNanos(ItemFields.get(start, item), 0);
            Boolean f = ItemFields.get(failed, item);
            String top = f != null && f ? null : ItemFields.topFrame(ItemFields.get(stack, item));
            long nanos = ItemFields.nanos(ItemFields.get(period, item), 0);
            forWindows(ItemFields.threadId(ItemFields.get(thread, item)), time, time,
                    w -> w.causes.cpuTimeSample(top, nanos));
        }
    }

    private void blocking(IItemCollection items, String typeId, CauseKind kind, IAttribute<IMCType> subject) {
        TaskflightReader.forEach(items, typeId, (type, it) -> {
            IMemberAccessor<IMCType, IItem> s =
                    subject == null ? null : ItemFields.accessor(type, subject);
            durations(type, it, kind, item -> orEmpty(ItemFields.className(ItemFields.get(s, item))));
        });
    }

    private void blockingText(IItemCollection items, String typeId, CauseKind kind) {
        TaskflightReader.forEach(items, typeId, (type, it) -> {
            IMemberAccessor<String, IItem> path = ItemFields.accessor(type, TaskflightAttributes.PATH);
            durations(type, it, kind, item -> orEmpty(ItemFields.get(path, item)));
        });
    }

    private void sockets(IType<IItem> type, Iterable<IItem> items, CauseKind kind) {
        IMemberAccessor<String, IItem> host = ItemFields.accessor(type, TaskflightAttributes.HOST);
        IMemberAccessor<String, IItem> address = ItemFields.accessor(type, TaskflightAttributes.ADDRESS);
        Numeric port = new Numeric(type, "port");
        durations(type, items, kind, item -> {
            String h = orEmpty(ItemFields.get(host, item));
            if (h.isEmpty()) {
                h = orEmpty(ItemFields.get(address, item));
            }
            int p = port.getInt(item, -1);
            return p < 0 ? h : h + ":" + p;
        });
    }

    private void durations(IType<IItem> type, Iterable<IItem> items, CauseKind kind, Function<IItem, String> subject) {
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, JfrAttributes.EVENT_THREAD);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        IMemberAccessor<IQuantity, IItem> duration = ItemFields.accessor(type, JfrAttributes.DURATION);
        for (IItem item : items) {
            long id = ItemFields.threadId(ItemFields.get(thread, item));
            if (!byThread.containsKey(id)) {
                continue;
            }
            long s = ItemFields.epochNanos(ItemFields.get(start, item), 0);
            long e = s + ItemFields.nanos(ItemFields.get(duration, item), 0);
            String[] text = new String[1];
            forWindows(id, s, e, w -> {
                if (text[0] == null) {
                    text[0] = subject.apply(item);
                }
                w.causes.blocked(kind, text[0], w.overlap(s, e));
            });
        }
    }

    private void pinned(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, JfrAttributes.EVENT_THREAD);
        IMemberAccessor<IMCThread, IItem> carrier = ItemFields.accessor(type, TaskflightAttributes.CARRIER_THREAD);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        IMemberAccessor<IQuantity, IItem> duration = ItemFields.accessor(type, JfrAttributes.DURATION);
        IMemberAccessor<IMCStackTrace, IItem> stack = ItemFields.accessor(type, JfrAttributes.EVENT_STACKTRACE);
        IMemberAccessor<String, IItem> reason = ItemFields.accessor(type, TaskflightAttributes.PINNED_REASON);
        for (IItem item : items) {
            long nanos = ItemFields.nanos(ItemFields.get(duration, item), 0);
            String where = ItemFields.firstApplicationFrame(ItemFields.get(stack, item));
            if (where == null) {
                where = ItemFields.get(reason, item);
            }
            pinning.pinned(nanos, where);
            long virtual = ItemFields.threadId(ItemFields.get(thread, item));
            long id = byThread.containsKey(virtual) ? virtual : ItemFields.threadId(ItemFields.get(carrier, item));
            long s = ItemFields.epochNanos(ItemFields.get(start, item), 0);
            long e = s + nanos;
            String subject = orEmpty(where);
            forWindows(id, s, e, w -> w.causes.blocked(CauseKind.PINNED, subject, w.overlap(s, e)));
        }
    }

    private void queueDuringIdle(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<String, IItem> pool = ItemFields.accessor(type, TaskflightAttributes.POOL);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        Numeric tasks = new Numeric(type, "queuedTasks");
        Numeric submissions = new Numeric(type, "queuedSubmissions");
        for (IItem item : items) {
            List<Window> windows = byPool.get(orEmpty(ItemFields.get(pool, item)));
            if (windows == null) {
                continue;
            }
            long queued = QueueAggregator.queuedWork(tasks.get(item, 0), submissions.get(item, -1));
            long time = ItemFields.epochNanos(ItemFields.get(start, item), 0);
            for (Window w : windows) {
                if (w.start <= time && w.end >= time) {
                    w.maxQueued = Math.max(w.maxQueued, queued);
                    if (queued > 0) {
                        w.earliestQueued = Math.min(w.earliestQueued, time);
                    }
                }
            }
        }
    }

    /** Calls {@code action} once per window of the thread overlapping {@code [s, e]} (inclusive). */
    private void forWindows(long threadId, long s, long e, Consumer<Window> action) {
        List<Window> windows = byThread.get(threadId);
        if (windows == null) {
            return;
        }
        for (Window w : windows) {
            if (w.start <= e && w.end >= s) {
                action.accept(w);
            }
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A long poll or an idle park, with what was recorded during it. */
    private static final class Window {
        final long start;
        final long end;
        final CauseAccumulator causes = new CauseAccumulator();
        long earliestQueued = Long.MAX_VALUE;
        long maxQueued = -1;

        Window(long start, long end) {
            this.start = start;
            this.end = end;
        }

        long overlap(long s, long e) {
            return Math.max(0, Math.min(e, end) - Math.max(s, start));
        }
    }
}
