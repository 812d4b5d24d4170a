package dev.taskflight.analysis.live;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.events.FieldNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Turns the watchdog's {@code taskflight.PollInProgress} events (one when a poll passes the threshold,
 * one more each time its running time doubles) into a few {@link StuckPoll} lines per stuck poll, as
 * {@link StillRunning} says: when it is first reported, when it passes the critical threshold, and when
 * it ends; never one per report. A line that named no frame (the watchdog takes at most a few stacks a
 * second) is followed by one more, in the same state, once a later report brings the stack.
 *
 * <p>A worker thread runs one poll at a time, so a report belongs to the poll already reported for
 * that thread if the poll started before that earlier report was written; otherwise it is a new
 * stuck poll, and the thread's earlier one has ended. A poll that ended before the interval in which
 * it was first reported closes (its {@code taskflight.TaskPoll} was read, or the watchdog's next
 * report, due when its running time doubled, never came) gets no line: its long poll is reported. A
 * poll that passes the critical threshold and ends within one interval gets only its ended line.
 * Memory is bounded: at most {@value #MAX_THREADS} threads are remembered (the least recently
 * reported are forgotten) and at most {@value #MAX_PER_INTERVAL} lines are written per interval.
 * Not thread-safe.
 */
final class StuckPolls {

    /** The most worker threads whose last stuck poll is remembered. */
    static final int MAX_THREADS = 10_000;
    /** The most lines written in one interval. */
    static final int MAX_PER_INTERVAL = 1_000;
    /**
     * How late the watchdog's next report may be (a starved watchdog, a stream's lag) before a poll
     * not reported again is taken to have ended: at least this, or the running time reported.
     */
    static final long REPORT_SLACK_NANOS = 1_000_000_000L;

    private record Key(String pool, int worker, long threadId) {
    }

    /** The last stuck poll of a thread and the lines written for it. */
    private static final class Tracked {
        StuckPoll poll;
        long sinceNanos;
        long seenNanos;
        boolean running;
        boolean critical;
        /** Whether the last line written for it named no frame (the watchdog took no stack yet). */
        boolean frameOwed;

        Tracked(StuckPoll poll, long sinceNanos, long seenNanos) {
            this.poll = poll;
            this.sinceNanos = sinceNanos;
            this.seenNanos = seenNanos;
        }
    }

    private final StillRunning policy;
    private final long criticalNanos;
    private final Map<Key, Tracked> tracked = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Tracked> eldest) {
            return size() > MAX_THREADS;
        }
    };
    private final List<StuckPoll> ended = new ArrayList<>();

    /**
     * Creates the bookkeeping.
     *
     * @param policy which lines to write, not {@code null}
     * @param criticalNanos the long-poll critical threshold
     */
    StuckPolls(StillRunning policy, long criticalNanos) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.criticalNanos = criticalNanos;
    }

    /** Reads a {@code taskflight.PollInProgress} event. */
    void inProgress(RecordedEvent event) {
        RecordedThread thread = Fields.getThread(event, "workerThread");
        Key key = new Key(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1),
                Fields.threadId(thread));
        long seen = Fields.epochNanos(event.getEndTime());
        long running = Fields.getDurationNanos(event, "runningTime", 0);
        long since = seen - running;
        String frame = applicationFrame(Fields.getString(event, "stack", ""));
        Tracked last = tracked.get(key);
        if (last != null && since <= last.seenNanos) { // the same poll, running since before its last report
            last.seenNanos = Math.max(last.seenNanos, seen);
            StuckPoll p = last.poll;
            last.poll = new StuckPoll(p.pool(), p.worker(), p.thread(), p.taskClass(), p.since(),
                    Fields.instant(last.seenNanos), Math.max(p.runningNanos(), running),
                    p.topFrame().isEmpty() && frame != null ? frame : p.topFrame(), p.state());
            return;
        }
        tracked.put(key, new Tracked(new StuckPoll(key.pool(), key.worker(), Fields.threadName(thread),
                taskName(event), Fields.instant(since),
                Fields.instant(seen), running, frame == null ? "" : frame), since, seen));
    }

    /** The code that defined a lambda task if recorded ({@code taskName}), else the task's class, else {@code ""}. */
    private static String taskName(RecordedEvent event) {
        String name = Fields.getString(event, FieldNames.TASK_NAME, "");
        return name.isEmpty() ? Objects.requireNonNullElse(Fields.getClassName(event, FieldNames.TASK_CLASS), "") : name;
    }

    /** Reads a {@code taskflight.TaskPoll} event: a poll of its thread that ended. */
    void pollEnded(RecordedEvent event) {
        Key key = new Key(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1),
                Fields.threadId(event.getThread()));
        Tracked t = tracked.get(key);
        if (t != null && !event.getEndTime().isBefore(t.poll.seen())) {
            tracked.remove(key);
            if (t.running || t.critical) {
                ended.add(t.poll.at(StuckPoll.ENDED, event.getEndTime(), Fields.nanos(event.getDuration())));
            }
        }
    }

    /** Returns whether a line may be due at the next {@link #drain}. */
    boolean pending() {
        return !ended.isEmpty() || tracked.values().stream()
                .anyMatch(t -> !t.running && !t.critical || t.frameOwed && !t.poll.topFrame().isEmpty());
    }

    /**
     * Returns the lines due when an interval closes at {@code closeNanos}: the polls ended since the last
     * call after a line said they ran, then the polls still running first reported, or first past the
     * critical threshold, since then, and those whose last line named no frame and whose stack a later
     * report brought (one more line, in the state already written).
     */
    List<StuckPoll> drain(long closeNanos) {
        List<StuckPoll> lines = new ArrayList<>();
        for (StuckPoll p : ended) {
            if (policy != StillRunning.OFF && lines.size() < MAX_PER_INTERVAL) {
                lines.add(p);
            }
        }
        ended.clear();
        for (Iterator<Tracked> it = tracked.values().iterator(); it.hasNext();) {
            Tracked t = it.next();
            long running = t.poll.runningNanos();
            if (closeNanos - t.sinceNanos > 2 * running + Math.max(running, REPORT_SLACK_NANOS)) {
                if (!t.running && !t.critical) {
                    it.remove(); // its next report never came: it ended below the recording's threshold
                }
                continue;
            }
            boolean critical = running >= criticalNanos;
            String state = null;
            if (critical && !t.critical) {
                state = StuckPoll.CRITICAL;
            } else if (!t.running && !t.critical && policy == StillRunning.ALL) {
                state = StuckPoll.RUNNING;
            } else if (t.frameOwed && !t.poll.topFrame().isEmpty()) {
                state = t.critical ? StuckPoll.CRITICAL : StuckPoll.RUNNING;
            }
            if (state == null) {
                continue;
            }
            t.running = true;
            t.critical |= critical;
            if (policy != StillRunning.OFF && (policy == StillRunning.ALL || critical)
                    && lines.size() < MAX_PER_INTERVAL) {
                StuckPoll line = t.poll.at(state, t.poll.seen(), running);
                lines.add(line);
                t.frameOwed = line.topFrame().isEmpty();
            }
        }
        return lines;
    }

    /**
     * Returns the top application frame of a stack written as text, one {@code StackTraceElement} per
     * line: the first outside the JDK and Taskflight, else the first; {@code null} for an empty stack.
     */
    static String applicationFrame(String stack) {
        String first = null;
        for (String line : (Iterable<String>) stack.strip().lines()::iterator) {
            String frame = Frames.innermost(line);
            if (frame == null) {
                continue;
            }
            if (first == null) {
                first = frame;
            }
            if (!(frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.")
                    || frame.startsWith("com.sun.") || frame.startsWith("dev.taskflight.recorder.")
                    || frame.startsWith("dev.taskflight.agent."))) {
                return frame;
            }
        }
        return first;
    }
}
