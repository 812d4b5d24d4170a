package dev.taskflight.analysis.live;

import dev.taskflight.analysis.finding.BlockedEventLoopFinding;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.jdk.UnseenWorkAggregator;
import dev.taskflight.analysis.report.UnseenWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The grep-friendly text form of an interval: one {@code key=value} line per pool, and one line per
 * blocked-event-loop, long-poll or idle-worker finding, and one line per poll still running; and, when the
 * interval's CPU samples caught application code that Taskflight did not see, an {@code unseen} line and
 * an {@code unseen-thread} line per thread it names. Durations are in milliseconds
 * ({@code Ms} keys), ratios from 0 to 1; an unknown value is left out ({@code busy}, {@code queueMax}) or
 * written {@code unknown} (in a list); {@code pollsLowerBound=true} says {@code polls} counts only the
 * polls seen; values with spaces are quoted. For example:
 *
 * <pre>
 * taskflight interval end=2026-11-21T06:50:10Z pool=orders polls=1200 busy=0.41 workerBusy=0.40,0.43 ...
 * taskflight finding end=2026-11-21T06:50:10Z pool=orders type=long-poll severity=critical ... message="..."
 * taskflight still-running end=2026-11-21T06:50:10Z pool=orders worker=1 thread=orders-worker-1 runningForMs=5120.000 ... state=critical
 * taskflight unseen end=2026-11-21T06:50:10Z threads=1 cpuSamples=12 message="1 thread ran application code ..."
 * taskflight unseen-thread end=2026-11-21T06:50:10Z thread=kafka-consumer-1 cpuSamples=12 site=com.acme.Ingest.poll
 * </pre>
 */
public final class KeyValueFormat {

    /** The finding types that get a line of their own: the ones an operator acts on at once. */
    public static final Set<String> LINE_FINDINGS = Set.of(BlockedEventLoopFinding.TYPE, LongPollFinding.TYPE,
            IdleWorkerFinding.TYPE);

    private KeyValueFormat() {
    }

    /**
     * Returns the line of one pool in one interval.
     *
     * @param interval the interval, not {@code null}
     * @param p one of its pools, not {@code null}
     * @return the line, without line terminator, not {@code null}
     */
    public static String pool(IntervalReport interval, PoolSnapshot p) {
        StringBuilder b = new StringBuilder("taskflight interval");
        put(b, "start", interval.start().toString());
        put(b, "end", interval.end().toString());
        put(b, "pool", p.pool());
        put(b, "kind", p.kind());
        put(b, "workers", p.workers());
        put(b, "polls", p.polls());
        if (p.pollsLowerBound()) {
            put(b, "pollsLowerBound", true);
        }
        if (p.busyRatio() >= 0) {
            put(b, "busy", ratio(p.busyRatio()));
        }
        put(b, "workerBusy", p.workerBusy().stream().map(w -> ratio(w.busyRatio())).collect(Collectors.joining(",")));
        put(b, "idleWorkers", p.idleWorkers());
        put(b, "parks", p.parks());
        put(b, "longPolls", p.longPolls());
        put(b, "longestPollMs", millis(p.longestPollNanos()));
        put(b, "topCause", p.topCause());
        put(b, "causes", p.causes());
        put(b, "delayCount", p.delayCount());
        put(b, "delayP50Ms", millis(p.delayP50Nanos()));
        put(b, "delayP99Ms", millis(p.delayP99Nanos()));
        put(b, "delayMaxMs", millis(p.delayMaxNanos()));
        if (p.queueMax() >= 0) {
            put(b, "queueMax", p.queueMax());
        }
        put(b, "steals", p.steals());
        put(b, "findings", p.findings().stream().map(f -> f.type() + ":" + f.severity().id())
                .collect(Collectors.joining(",")));
        return b.toString();
    }

    /**
     * Returns the line of one finding.
     *
     * @param interval the interval it belongs to, not {@code null}
     * @param f the finding, not {@code null}
     * @return the line, without line terminator, not {@code null}
     */
    public static String finding(IntervalReport interval, Finding f) {
        StringBuilder b = new StringBuilder("taskflight finding");
        put(b, "end", interval.end().toString());
        put(b, "pool", f.pool() == null ? "" : f.pool());
        put(b, "type", f.type());
        put(b, "severity", f.severity().id());
        if (f.worker() >= 0) {
            put(b, "worker", f.worker());
        }
        for (Map.Entry<String, Object> e : f.facts().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number || v instanceof String) {
                String key = e.getKey();
                if (key.endsWith("Nanos") && v instanceof Number) {
                    put(b, key.substring(0, key.length() - 5) + "Ms", millis(((Number) v).longValue()));
                } else {
                    put(b, key, v instanceof Double ? ratio((Double) v) : v.toString());
                }
            }
        }
        put(b, "message", f.message());
        return b.toString();
    }

    /**
     * Returns the line of a poll still running when the interval closed (first reported, or past the
     * critical threshold), or of one that ended after such a line ({@code state=ended}).
     *
     * @param interval the interval that closed, not {@code null}
     * @param p the stuck poll, not {@code null}
     * @return the line, without line terminator, not {@code null}
     */
    public static String stillRunning(IntervalReport interval, StuckPoll p) {
        StringBuilder b = new StringBuilder("taskflight still-running");
        put(b, "end", interval.end().toString());
        put(b, "pool", p.pool());
        put(b, "worker", p.worker());
        put(b, "thread", p.thread());
        put(b, "runningForMs", millis(p.runningNanos()));
        put(b, "since", p.since().toString());
        put(b, "taskClass", p.taskClass());
        put(b, "topFrame", p.topFrame());
        put(b, "state", p.state());
        return b.toString();
    }

    /**
     * Returns the lines of the application code the interval's CPU samples caught where Taskflight did not
     * see it: an {@code unseen} line with the count of threads and samples, then an {@code unseen-thread}
     * line for each thread named (those with the most samples, at most {@link UnseenWorkAggregator#TOP});
     * none when there was none, or no CPU sample to tell.
     *
     * @param interval the interval, not {@code null}
     * @return the lines, without line terminators, not {@code null}
     */
    public static List<String> unseen(IntervalReport interval) {
        UnseenWork u = interval.unseen();
        if (!u.any()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        StringBuilder b = new StringBuilder("taskflight unseen");
        put(b, "end", interval.end().toString());
        put(b, "threads", u.threads());
        put(b, "cpuSamples", u.cpuSamples());
        put(b, "message", u.threads() + (u.threads() == 1 ? " thread" : " threads")
                + " ran application code that Taskflight did not see; the interval's verdict does not cover "
                + (u.threads() == 1 ? "it" : "them"));
        lines.add(b.toString());
        for (UnseenWork.UnseenThread t : u.top()) {
            StringBuilder l = new StringBuilder("taskflight unseen-thread");
            put(l, "end", interval.end().toString());
            put(l, "thread", t.thread());
            put(l, "cpuSamples", t.cpuSamples());
            put(l, "site", t.site());
            lines.add(l.toString());
        }
        return lines;
    }

    /**
     * Returns every line of an interval: the pools' lines, then a line per long-poll and idle-worker
     * finding, then a line per poll still running, then the lines of unseen work.
     *
     * @param interval the interval, not {@code null}
     * @return the lines, not {@code null}
     */
    public static List<String> lines(IntervalReport interval) {
        List<String> lines = new ArrayList<>();
        interval.pools().forEach(p -> lines.add(pool(interval, p)));
        warnings(interval).forEach(f -> lines.add(finding(interval, f)));
        interval.stillRunning().forEach(p -> lines.add(stillRunning(interval, p)));
        lines.addAll(unseen(interval));
        return lines;
    }

    /**
     * Returns the findings that get a line of their own (long polls, idle workers).
     *
     * @param interval the interval, not {@code null}
     * @return the findings, most severe first, not {@code null}
     */
    public static List<Finding> warnings(IntervalReport interval) {
        return interval.findings().stream().filter(f -> LINE_FINDINGS.contains(f.type()))
                .collect(Collectors.toList());
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String ratio(double r) {
        return r < 0 ? "unknown" : String.format(Locale.ROOT, "%.3f", r);
    }

    private static void put(StringBuilder b, String key, Object value) {
        String v = String.valueOf(value);
        b.append(' ').append(key).append('=');
        if (v.isEmpty() || v.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=')) {
            b.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            b.append(v);
        }
    }
}
