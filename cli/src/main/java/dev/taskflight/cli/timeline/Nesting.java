package dev.taskflight.cli.timeline;

import dev.taskflight.cli.visual.SchedulerEvents.JdkSlice;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the JDK's events of each thread inside the poll or park they fall in, clipped to it, so that
 * slices nest properly per lane. A thread commits its events in order, so its JDK events arrive before
 * the poll that contains them: they wait here, bounded per thread and in threads, until it comes.
 */
final class Nesting {

    static final int MAX_PENDING_PER_THREAD = 1024;
    static final int MAX_THREADS = 10_000;

    /** A JDK slice placed on a lane, clipped. */
    record Placed(JdkSlice slice, long start, long end) {
    }

    /** What is known of one thread. */
    private static final class ThreadState {
        final ArrayDeque<JdkSlice> pending = new ArrayDeque<>();
        long lastEnd = Long.MIN_VALUE;
        Object lane;
    }

    private final Map<Long, ThreadState> threads = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ThreadState> eldest) {
            if (size() > MAX_THREADS) {
                dropped += eldest.getValue().pending.size();
                return true;
            }
            return false;
        }
    };
    private long dropped;

    /** Keeps a JDK slice until the poll or park that contains it is read. */
    void add(JdkSlice s) {
        if (s.threadId() == -1 || s.duration() <= 0) {
            return;
        }
        ThreadState t = threads.computeIfAbsent(s.threadId(), k -> new ThreadState());
        if (t.pending.size() == MAX_PENDING_PER_THREAD) {
            t.pending.removeFirst();
            dropped++;
        }
        t.pending.addLast(s);
    }

    /**
     * A poll or park on {@code threadId} (and, for a mounted virtual thread, {@code virtualId}) from
     * {@code start} to {@code end}, on {@code lane}.
     *
     * @param before filled with the thread's slices that ended before it, clipped to after the previous one
     * @param inside filled with the slices within it, clipped to it and to each other
     */
    void container(long threadId, long virtualId, Object lane, long start, long end, List<Placed> before,
            List<Placed> inside) {
        List<JdkSlice> within = new ArrayList<>();
        if (threadId != -1) {
            ThreadState t = threads.computeIfAbsent(threadId, k -> new ThreadState());
            t.lane = lane;
            List<JdkSlice> earlier = new ArrayList<>();
            take(t, end, start, earlier, within);
            sequence(earlier, t.lastEnd, start, before);
            t.lastEnd = Math.max(t.lastEnd, end);
        }
        if (virtualId != -1) {
            ThreadState v = threads.get(virtualId);
            if (v != null) {
                take(v, end, start, new ArrayList<>(), within);
                if (v.pending.isEmpty()) {
                    threads.remove(virtualId);
                }
            }
        }
        sequence(within, start, end, inside);
    }

    /** Returns what is still waiting on threads that are workers, for after the last event. */
    List<Map.Entry<Object, Placed>> rest() {
        List<Map.Entry<Object, Placed>> out = new ArrayList<>();
        for (ThreadState t : threads.values()) {
            if (t.lane != null) {
                List<Placed> placed = new ArrayList<>();
                sequence(new ArrayList<>(t.pending), t.lastEnd, Long.MAX_VALUE, placed);
                placed.forEach(p -> out.add(Map.entry(t.lane, p)));
            }
        }
        return out;
    }

    /** Returns the JDK slices dropped because too many waited. */
    long dropped() {
        return dropped;
    }

    private static void take(ThreadState t, long end, long start, List<JdkSlice> earlier, List<JdkSlice> within) {
        for (Iterator<JdkSlice> it = t.pending.iterator(); it.hasNext();) {
            JdkSlice s = it.next();
            if (s.end() <= end) {
                it.remove();
                (s.end() <= start ? earlier : within).add(s);
            }
        }
    }

    /** Clips slices to [from, to] and to each other, earliest first. */
    private static void sequence(List<JdkSlice> slices, long from, long to, List<Placed> out) {
        slices.sort(Comparator.comparingLong(JdkSlice::start));
        long cursor = from;
        for (JdkSlice s : slices) {
            long a = Math.max(s.start(), cursor);
            long b = Math.min(s.end(), to);
            if (b > a) {
                out.add(new Placed(s, a, b));
                cursor = b;
            }
        }
    }
}
