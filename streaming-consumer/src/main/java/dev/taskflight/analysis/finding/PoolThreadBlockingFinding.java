package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.ThreadGroupReport;
import dev.taskflight.analysis.report.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pool threads that block in application code, seen from the JDK's own events alone: monitor
 * contention, sleeps and parks of threads of a pool that Taskflight did not see (a recording made
 * without the agent). It says that the pool's threads fight over a lock or sleep, and that polls,
 * their durations and their causes need the Taskflight agent.
 */
public final class PoolThreadBlockingFinding {

    /** The finding's type. */
    public static final String TYPE = "pool-thread-blocking";
    /** Blocking of one kind adding up to this much on a pool's threads is a warning. */
    public static final Duration MIN_BLOCKED = Duration.ofMillis(20);
    /** Said of every such finding. */
    public static final String NEEDS_AGENT = "polls, their durations and causes need the Taskflight agent";

    private PoolThreadBlockingFinding() {
    }

    /**
     * Finds pool threads, of pools Taskflight did not see, that blocked in application code.
     *
     * @param groups the pool thread groups, not {@code null}
     * @return one finding per such pool, not {@code null}
     */
    public static List<Finding> evaluate(List<ThreadGroupReport> groups) {
        List<Finding> list = new ArrayList<>();
        for (ThreadGroupReport g : groups) {
            if (g.taskflightPool()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            Map<String, Object> facts = new LinkedHashMap<>();
            for (ThreadGroupReport.Blocking b : g.blocking()) {
                if (b.nanos() < MIN_BLOCKED.toNanos()) {
                    continue;
                }
                parts.add(describe(b));
                facts.put(b.kind().id() + "Events", b.events());
                facts.put(b.kind().id() + "Nanos", b.nanos());
                facts.put(b.kind().id() + "Subject", b.subject());
            }
            if (!parts.isEmpty()) {
                facts.put("threads", g.threads());
                list.add(new Finding(TYPE, Severity.WARNING, g.group(), -1, "pool threads (" + g.threads() + ") "
                        + String.join("; ", parts) + "; " + NEEDS_AGENT, facts));
            }
        }
        return list;
    }

    private static String describe(ThreadGroupReport.Blocking b) {
        String what = b.kind() == CauseKind.MONITOR_ENTER ? "blocked on a monitor"
                : b.kind() == CauseKind.SLEEP ? "slept" : "parked in application code";
        return what + " " + b.events() + (b.events() == 1 ? " time" : " times") + " for "
                + Units.duration(b.nanos()) + " in total" + (b.subject().isEmpty() ? "" : ", mostly "
                + (b.kind() == CauseKind.MONITOR_ENTER ? "on " : "at ") + b.subject());
    }
}
