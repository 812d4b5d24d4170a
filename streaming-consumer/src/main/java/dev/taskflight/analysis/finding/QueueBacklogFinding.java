package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.QueueReport;
import dev.taskflight.analysis.report.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Work piles up: 100 or more tasks queued (warning), 1000 or more (critical). */
public final class QueueBacklogFinding {

    /** The finding's type. */
    public static final String TYPE = "queue-backlog";
    /** A queue this deep or deeper is a warning. */
    public static final long DEFAULT_WARNING = 100;
    /** A queue this deep or deeper is critical. */
    public static final long DEFAULT_CRITICAL = 1000;

    /**
     * The queue-backlog thresholds, in queued tasks.
     *
     * @param warning the depth from which it is a warning, positive
     * @param critical the depth from which it is critical, not below {@code warning}
     */
    public record Thresholds(long warning, long critical) {
        /** The defaults: 100 and 1000. */
        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_WARNING, DEFAULT_CRITICAL);

        /** Validates the thresholds. */
        public Thresholds {
            if (warning <= 0) {
                throw new IllegalArgumentException("queue-backlog warning threshold must be positive");
            }
            if (critical < warning) {
                throw new IllegalArgumentException("queue-backlog critical threshold is below the warning one");
            }
        }
    }

    private QueueBacklogFinding() {
    }

    /**
     * Finds pools whose queues grew past the thresholds.
     *
     * @param pools the pools, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, one per pool at most, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        for (PoolReport pool : pools) {
            QueueReport q = pool.queue();
            if (q == null || q.maxQueued() < t.warning()) {
                continue;
            }
            Severity severity = q.maxQueued() >= t.critical() ? Severity.CRITICAL : Severity.WARNING;
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("maxQueued", q.maxQueued());
            facts.put("maxAt", String.valueOf(q.maxAt()));
            facts.put("meanQueued", q.meanQueued());
            facts.put("samples", q.samples());
            facts.put("samplesOverWarning", q.samplesOverWarning());
            facts.put("firstOverWarning", String.valueOf(q.firstOverWarning()));
            facts.put("lastOverWarning", String.valueOf(q.lastOverWarning()));
            facts.put("warningThreshold", t.warning());
            String message = "queue reached " + q.maxQueued() + " tasks at " + Units.time(q.maxAt())
                    + " UTC (mean " + String.format(Locale.ROOT, "%.1f", q.meanQueued()) + "; "
                    + q.samplesOverWarning() + " of " + q.samples() + " samples at " + t.warning()
                    + " or more, from " + Units.time(q.firstOverWarning()) + " to "
                    + Units.time(q.lastOverWarning()) + ")";
            findings.add(new Finding(TYPE, severity, pool.name(), -1, message, facts));
        }
        return findings;
    }
}
