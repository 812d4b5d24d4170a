package dev.taskflight.analysis.live;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Turns the watchdog's {@code taskflight.PollInProgress} events (one when a poll passes the threshold,
 * one more each time its running time doubles) into one {@link StuckPoll} per stuck poll.
 *
 * <p>A worker thread runs one poll at a time, so a report belongs to the poll already reported for
 * that thread if the poll started before that earlier report was written; otherwise it is a new
 * stuck poll, and the thread's earlier one has ended. A stuck poll that ended before the interval
 * closes (its {@code taskflight.TaskPoll} was read, or a later poll of its thread was reported stuck)
 * is not reported: its long poll is. Memory is bounded: at most {@value #MAX_THREADS} threads are remembered (the
 * least recently reported are forgotten) and at most {@value #MAX_PER_INTERVAL} stuck polls are
 * reported per interval. Not thread-safe.
 */
final class StuckPolls {

    /** The most worker threads whose last stuck poll is remembered. */
    static final int MAX_THREADS = 10_000;
    /** The most stuck polls reported in one interval. */
    static final int MAX_PER_INTERVAL = 1_000;

    private record Key(String pool, int worker, long threadId) {
    }

    /** When the last stuck poll reported for a thread was last seen. */
    private static final class Seen {
        long seenNanos;

        Seen(long seenNanos) {
            this.seenNanos = seenNanos;
        }
    }

    private final Map<Key, Seen> reported = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
            return size() > MAX_THREADS;
        }
    };
    private final Map<Key, StuckPoll> pending = new LinkedHashMap<>();

    /** Reads a {@code taskflight.PollInProgress} event. */
    void inProgress(RecordedEvent event) {
        RecordedThread thread = Fields.getThread(event, "workerThread");
        Key key = new Key(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1),
                Fields.threadId(thread));
        long seen = Fields.epochNanos(event.getEndTime());
        long running = Fields.getDurationNanos(event, "runningTime", 0);
        long since = seen - running;
        String frame = Frames.innermost(Fields.getString(event, "stack", ""));
        Seen last = reported.get(key);
        if (last != null && since <= last.seenNanos) { // the same poll, running since before its last report
            last.seenNanos = Math.max(last.seenNanos, seen);
            pending.computeIfPresent(key, (k, p) -> new StuckPoll(p.pool(), p.worker(), p.thread(), p.taskClass(),
                    p.since(), Fields.instant(seen), Math.max(p.runningNanos(), running),
                    p.topFrame().isEmpty() && frame != null ? frame : p.topFrame()));
            return;
        }
        reported.put(key, new Seen(seen));
        if (pending.containsKey(key) || pending.size() < MAX_PER_INTERVAL) {
            pending.put(key, new StuckPoll(key.pool(), key.worker(), Fields.threadName(thread),
                    Objects.requireNonNullElse(Fields.getClassName(event, "taskClass"), ""), Fields.instant(since), Fields.instant(seen), running,
                    frame == null ? "" : frame));
        }
    }

    /** Reads a {@code taskflight.TaskPoll} event: a poll of its thread that ended. */
    void pollEnded(RecordedEvent event) {
        Key key = new Key(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1),
                Fields.threadId(event.getThread()));
        StuckPoll p = pending.get(key);
        if (p != null && !event.getEndTime().isBefore(p.seen())) {
            pending.remove(key);
        }
    }

    /** Returns whether a stuck poll was first seen since the last {@link #drain()}. */
    boolean pending() {
        return !pending.isEmpty();
    }

    /** Returns the stuck polls first seen since the last call and still running, and forgets them. */
    List<StuckPoll> drain() {
        List<StuckPoll> polls = new ArrayList<>(pending.values());
        pending.clear();
        return polls;
    }
}
