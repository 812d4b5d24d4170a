package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.events.PoolKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event loop blocked: a poll of an event-loop pool, 1 ms or more by default, whose time the JDK
 * recorded mostly off CPU (sleeping, parked, on a monitor, in socket or file I/O). Every channel of
 * that loop waited behind it, so it is critical by default.
 *
 * <p>It judges the polls kept and explained as long polls: those at or over the long-poll warning
 * threshold. The production profile records no shorter poll; with the trace profile, lower the
 * long-poll threshold to judge shorter ones.
 */
public final class BlockedEventLoopFinding {

    /** The finding's type. */
    public static final String TYPE = "blocked-event-loop";
    /** An event-loop poll this long or longer, mostly off CPU, is a blocked loop. */
    public static final Duration DEFAULT_MIN_POLL = Duration.ofMillis(1);
    /** The severity of a blocked loop by default. */
    public static final Severity DEFAULT_SEVERITY = Severity.CRITICAL;

    /** What the JDK records when a thread is not on CPU. */
    private static final Set<CauseKind> OFF_CPU = EnumSet.of(CauseKind.MONITOR_ENTER, CauseKind.MONITOR_WAIT,
            CauseKind.PARK, CauseKind.SLEEP, CauseKind.SOCKET_READ, CauseKind.SOCKET_WRITE, CauseKind.FILE_READ,
            CauseKind.FILE_WRITE);

    /**
     * The blocked-event-loop thresholds.
     *
     * @param minPoll the shortest event-loop poll judged, positive, not {@code null}
     * @param severity the severity of a blocked loop, not {@code null}
     */
    public record Thresholds(Duration minPoll, Severity severity) {
        /** The defaults: 1 ms, critical. */
        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_MIN_POLL, DEFAULT_SEVERITY);

        /** Validates the thresholds. */
        public Thresholds {
            Objects.requireNonNull(minPoll, "minPoll");
            Objects.requireNonNull(severity, "severity");
            if (minPoll.isNegative() || minPoll.isZero()) {
                throw new IllegalArgumentException(TYPE + " threshold must be positive");
            }
        }
    }

    private BlockedEventLoopFinding() {
    }

    /**
     * Returns whether a poll blocked its thread: the largest share of its time was off CPU.
     *
     * @param poll the poll, not {@code null}
     * @return whether its main cause is sleeping, parking, a monitor, or socket or file I/O
     */
    public static boolean blocked(LongPoll poll) {
        Cause main = poll.explanation().mainCause();
        return main != null && OFF_CPU.contains(main.kind());
    }

    /**
     * Finds the event-loop pools with blocked polls: one finding per pool, naming its longest.
     *
     * @param pools the pools, not {@code null}
     * @param longPolls the explained long polls, longest first, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, List<LongPoll> longPolls, Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        long min = t.minPoll().toNanos();
        for (PoolReport pool : pools) {
            if (!PoolKinds.NETTY_EVENT_LOOP_GROUP.equals(pool.kind())) {
                continue;
            }
            List<LongPoll> blocked = longPolls.stream()
                    .filter(p -> p.pool().equals(pool.name()) && p.durationNanos() >= min && blocked(p))
                    .toList();
            if (!blocked.isEmpty()) {
                findings.add(finding(pool.name(), blocked, t));
            }
        }
        return findings;
    }

    private static Finding finding(String pool, List<LongPoll> blocked, Thresholds t) {
        LongPoll top = blocked.get(0);
        Cause cause = top.explanation().mainCause();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("count", (long) blocked.size());
        facts.put("thresholdNanos", t.minPoll().toNanos());
        facts.put("longestNanos", top.durationNanos());
        facts.put("longestWorker", top.worker());
        facts.put("longestThread", top.thread());
        facts.put("longestTaskClass", top.taskClass());
        facts.put("longestCause", cause.kind().id());
        facts.put("longestCauseSubject", cause.subject());
        StringBuilder m = new StringBuilder();
        m.append(blocked.size()).append(blocked.size() == 1 ? " event-loop poll" : " event-loop polls")
                .append(" of ").append(Units.duration(t.minPoll().toNanos()))
                .append(" or more blocked the loop off CPU; longest ").append(Units.duration(top.durationNanos()))
                .append(" on loop ").append(top.worker());
        if (!top.thread().isEmpty()) {
            m.append(" (").append(top.thread()).append(")");
        }
        m.append(": ").append(top.explanation().describe())
                .append(". Every channel of that loop waited; move blocking work off the event loop.");
        return new Finding(TYPE, t.severity(), pool, -1, m.toString(), facts);
    }
}
