package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.poll.LongDelay;
import dev.taskflight.analysis.report.DelayExplanation;
import dev.taskflight.analysis.report.DelayExplanation.Delay;
import dev.taskflight.analysis.report.DelayExplanation.Holder;
import dev.taskflight.analysis.report.FrameCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the waits of a pool's longest scheduling delays, and what overlapped them, into a {@link DelayExplanation}. */
final class DelayAssembler {

    /** Task classes kept per wait. */
    static final int MAX_HOLDERS = 16;
    /** Code sites kept per wait. */
    static final int MAX_SITES = 32;
    /** Holders and sites shown. */
    static final int SHOWN = 5;
    /** The holder standing for worker time no recorded poll or park covers (short polls are not recorded in production mode). */
    static final String UNSEEN = "(not recorded)";

    private DelayAssembler() {
    }

    static DelayExplanation explain(String pool, int workers, List<LongDelay> delays, List<Window> windows) {
        List<Delay> list = new ArrayList<>();
        Map<String, Long> total = new TreeMap<>();
        Map<String, Long> sites = new TreeMap<>();
        long capacity = 0;
        for (int i = 0; i < delays.size(); i++) {
            LongDelay d = delays.get(i);
            Window w = windows.get(i);
            long cap = Math.max(1, workers) * d.delayNanos();
            capacity += cap;
            Map<String, Long> held = new TreeMap<>();
            for (BoundedCounts.Item<String> h : w.holders.topByAmount(MAX_HOLDERS)) {
                held.merge(h.key(), h.amount(), Long::sum);
            }
            if (w.idleNanos > 0) {
                held.merge(DelayExplanation.IDLE, w.idleNanos, Long::sum);
            }
            long seen = held.values().stream().mapToLong(Long::longValue).sum();
            if (cap > seen) {
                held.merge(UNSEEN, cap - seen, Long::sum);
            }
            held.forEach((k, v) -> total.merge(k, v, Long::sum));
            for (BoundedCounts.Item<String> s : w.sites.top(MAX_SITES)) {
                sites.merge(s.key(), s.count(), Long::sum);
            }
            list.add(new Delay(d.taskClass(), d.worker(), Fields.instant(d.waitStartNanos()), d.delayNanos(),
                    holders(held, Math.max(cap, seen))));
        }
        long seenTotal = total.values().stream().mapToLong(Long::longValue).sum();
        List<FrameCount> frames = new ArrayList<>();
        sites.forEach((k, v) -> frames.add(new FrameCount(k, v)));
        frames.sort(Comparator.comparingLong(FrameCount::samples).reversed().thenComparing(FrameCount::frame));
        return new DelayExplanation(pool, Math.max(1, workers), list, holders(total, Math.max(capacity, seenTotal)),
                frames.subList(0, Math.min(SHOWN, frames.size())));
    }

    private static List<Holder> holders(Map<String, Long> held, long capacity) {
        List<Holder> list = new ArrayList<>();
        held.forEach((k, v) -> list.add(new Holder(k, v, capacity <= 0 ? 0 : Math.min(1.0, (double) v / capacity))));
        list.sort(Comparator.comparingLong(Holder::nanos).reversed().thenComparing(Holder::taskClass));
        return list.size() > SHOWN ? List.copyOf(list.subList(0, SHOWN)) : list;
    }
}
