package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.CauseShare;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The cause breakdown of one pool's long polls, as it is read; bounded by {@link #MAX_ENTRIES}. */
final class PoolCauses {

    /** Distinct (cause, subject, caller) kept per pool; later ones count under their cause without subject. */
    static final int MAX_ENTRIES = 128;
    /** The subject of the time of subjects not shown one by one. */
    static final String OTHER = "(other)";
    /** Subjects shown per breakdown. */
    static final int SHOWN = 12;

    /** Time in one cause at one subject. */
    static final class Entry {
        final CauseKind kind;
        final String subject;
        final String caller;
        long nanos;
        long samples;
        long polls;

        Entry(CauseKind kind, String subject, String caller) {
            this.kind = kind;
            this.subject = subject;
            this.caller = caller;
        }
    }

    private record Key(CauseKind kind, String subject, String caller) {
    }

    final String pool;
    long polls;
    long nanos;
    private final Map<Key, Entry> entries = new HashMap<>();

    PoolCauses(String pool) {
        this.pool = pool;
    }

    /** Counts a long poll of the pool. */
    void poll(long durationNanos) {
        polls++;
        nanos += durationNanos;
    }

    /** Adds time (or execution samples, counted in time later) to a cause at a subject. */
    Entry add(CauseKind kind, String subject, String caller, long addNanos, long addSamples) {
        Key key = new Key(kind, Objects.requireNonNullElse(subject, ""), Objects.requireNonNullElse(caller, ""));
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= MAX_ENTRIES) {
                key = new Key(kind, "", "");
                e = entries.get(key);
            }
            if (e == null) {
                e = new Entry(key.kind(), key.subject(), key.caller());
                entries.put(key, e);
            }
        }
        e.nanos += Math.max(0, addNanos);
        e.samples += addSamples;
        return e;
    }

    /** Returns the breakdown, execution samples counted as {@code samplePeriodNanos} each. */
    CauseBreakdown breakdown(long samplePeriodNanos, long uncovered) {
        List<Entry> list = new ArrayList<>(entries.values());
        long explained = 0;
        for (Entry e : list) {
            explained += time(e, samplePeriodNanos);
        }
        boolean scaled = explained > nanos;
        list.sort(Comparator.comparingLong((Entry e) -> time(e, samplePeriodNanos)).reversed()
                .thenComparing(e -> e.kind).thenComparing(e -> e.subject).thenComparing(e -> e.caller));
        List<CauseShare> shares = new ArrayList<>();
        Map<CauseKind, long[]> others = new EnumMap<>(CauseKind.class);
        for (Entry e : list) {
            long t = scaled ? scaledDown(time(e, samplePeriodNanos), explained) : time(e, samplePeriodNanos);
            if (t <= 0) {
                continue;
            }
            if (shares.size() < SHOWN) {
                shares.add(new CauseShare(e.kind, e.subject, e.caller, e.polls, t, share(t)));
            } else {
                long[] o = others.computeIfAbsent(e.kind, k -> new long[2]);
                o[0] += e.polls;
                o[1] += t;
            }
        }
        others.forEach((kind, o) -> shares.add(new CauseShare(kind, OTHER, "", o[0], o[1], share(o[1]))));
        long unexplained = Math.max(0, nanos - Math.min(explained, nanos));
        if (unexplained > 0) {
            shares.add(new CauseShare(CauseKind.UNEXPLAINED, "", "", polls, unexplained, share(unexplained)));
        }
        shares.sort(Comparator.comparingDouble(CauseShare::share).reversed());
        return new CauseBreakdown(pool, polls, nanos, shares, uncovered);
    }

    /**
     * Returns {@code t * nanos / explained}, rounded down, exactly: the scaled times then add up to at most
     * {@code nanos}, which rounding each to the nearest did not guarantee (a few nanoseconds over).
     */
    private long scaledDown(long t, long explained) {
        return BigInteger.valueOf(t).multiply(BigInteger.valueOf(nanos)).divide(BigInteger.valueOf(explained))
                .longValueExact();
    }

    private static long time(Entry e, long period) {
        return e.nanos + e.samples * Math.max(0, period);
    }

    private double share(long t) {
        return nanos <= 0 ? 0 : Math.min(1.0, (double) t / nanos);
    }
}
