package dev.taskflight.cli.timeline;

import dev.taskflight.cli.visual.SchedulerEvents.JdkSlice;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places the JDK's events of each thread inside the poll or park they fall in, clipped to it, so that
 * slices nest properly per lane. A JDK event usually arrives before the poll that contains it (it ends
 * first): it waits here, bounded per thread and in threads, until the poll comes. It can also arrive
 * after it: JFR writes a thread's JVM-side events (monitor enter, park, sleep on JDK 17) and its
 * Java-side events (Taskflight's, socket I/O) through two buffers that are flushed independently. A late
 * slice is placed in the recent poll or park it falls in, or in the gap between two, clipped to the
 * slices already placed there; {@value #RECENT_PER_THREAD} containers and slices are remembered per thread.
 */
final class Nesting {

    static final int MAX_PENDING_PER_THREAD = 1024;
    static final int MAX_THREADS = 10_000;
    static final int RECENT_PER_THREAD = 512;

    /** A JDK slice placed on a lane, clipped. */
    record Placed(JdkSlice slice, long start, long end) {
    }

    /** What is known of one thread. */
    private static final class ThreadState {
        final ArrayDeque<JdkSlice> pending = new ArrayDeque<>();
        /** The polls and parks drawn last, by start: their ends. */
        final TreeMap<Long, Long> containers = new TreeMap<>();
        /** The JDK slices placed last, by start: their ends. */
        final TreeMap<Long, Long> placed = new TreeMap<>();
        long lastEnd = Long.MIN_VALUE;
        Object lane;

        void remember(TreeMap<Long, Long> recent, long start, long end) {
            recent.put(start, end);
            if (recent.size() > RECENT_PER_THREAD) {
                recent.pollFirstEntry();
            }
        }
    }

    /** A late JDK slice placed on the lane of its thread. */
    record Late(Object lane, Placed placed) {
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

    /**
     * Keeps a JDK slice until the poll or park that contains it is read, or places it at once when that
     * poll or park was read before it.
     *
     * @return the slice placed, when it came late; {@code null} when it waits, or was dropped
     */
    Late add(JdkSlice s) {
        if (s.threadId() == -1 || s.duration() <= 0) {
            return null;
        }
        ThreadState t = threads.computeIfAbsent(s.threadId(), k -> new ThreadState());
        if (t.lane != null && s.end() <= t.lastEnd) {
            Placed p = late(t, s);
            if (p == null) {
                dropped++;
                return null;
            }
            return new Late(t.lane, p);
        }
        if (t.pending.size() == MAX_PENDING_PER_THREAD) {
            t.pending.removeFirst();
            dropped++;
        }
        t.pending.addLast(s);
        return null;
    }

    /** Places a slice that came after the containers of its time, or returns {@code null}. */
    private static Placed late(ThreadState t, JdkSlice s) {
        if (t.containers.isEmpty() || s.end() <= t.containers.firstKey()) {
            return null;
        }
        long from;
        long to;
        Map.Entry<Long, Long> c = t.containers.lowerEntry(s.end());
        if (c != null && s.end() <= c.getValue()) {
            from = c.getKey();
            to = c.getValue();
        } else {
            from = c == null ? Long.MIN_VALUE : c.getValue();
            Long next = t.containers.ceilingKey(s.end());
            to = next == null ? t.lastEnd : next;
        }
        long a = Math.max(s.start(), from);
        Map.Entry<Long, Long> occupied = t.placed.floorEntry(a);
        while (occupied != null && occupied.getValue() > a) {
            a = occupied.getValue();
            occupied = t.placed.floorEntry(a);
        }
        long b = Math.min(s.end(), to);
        Long nextPlaced = t.placed.higherKey(a);
        if (nextPlaced != null) {
            b = Math.min(b, nextPlaced);
        }
        if (b <= a) {
            return null;
        }
        t.remember(t.placed, a, b);
        return new Placed(s, a, b);
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
            before.forEach(p -> t.remember(t.placed, p.start(), p.end()));
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
        if (threadId != -1) {
            ThreadState t = threads.get(threadId);
            inside.forEach(p -> t.remember(t.placed, p.start(), p.end()));
        }
    }

    /** Tells that a poll or park of {@code threadId} was drawn over {@code [start, end]}, clipped. */
    void drawn(long threadId, long start, long end) {
        ThreadState t = threadId == -1 ? null : threads.get(threadId);
        if (t != null) {
            t.remember(t.containers, start, end);
        }
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
