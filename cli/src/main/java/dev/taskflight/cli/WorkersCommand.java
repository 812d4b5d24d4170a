package dev.taskflight.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.ImbalanceFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.cli.json.JsonReport;
import dev.taskflight.cli.text.Text;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code jfr-analyze workers FILE}: per-worker statistics, and whether work is spread evenly. */
@Command(name = "workers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Per-worker statistics: polls, busy share, idle time, parks, steals, queue depth, longest poll,"
                + " scheduling delay; imbalance between workers.")
final class WorkersCommand extends AnalyzeCommand {

    private static final String ROW = "  %-6s %-24s %9s %5s %10s %7s %7s %6s %10s %10s  %s";

    @Override
    String command() {
        return "workers";
    }

    @Override
    Set<String> findingTypes() {
        return Set.of(ImbalanceFinding.TYPE, IdleWorkerFinding.TYPE);
    }

    @Override
    void text(PrintWriter out, AnalysisReport report, List<Finding> findings, int top) {
        Text.recording(out, report.recording());
        for (PoolReport p : report.pools()) {
            if (p.workers().isEmpty()) {
                continue;
            }
            out.println();
            out.println("pool " + p.name() + " (" + Text.identity(p) + ")");
            out.println(String.format(Locale.ROOT, ROW, "worker", "thread", "polls", "busy", "idle", "parks", "steals",
                    "queue", "longest", "delay p99", "source"));
            for (WorkerReport w : p.workers()) {
                out.println(row(String.valueOf(w.worker()), w));
            }
            out.println(row("all", p.totals()));
            Text.steals(out, p);
            findings.stream().filter(f -> p.name().equals(f.pool())).forEach(f -> Text.finding(out, "  ", f));
        }
        List<String> none = report.pools().stream().filter(p -> p.workers().isEmpty()).map(PoolReport::name)
                .collect(Collectors.toList());
        if (!none.isEmpty()) {
            out.println();
            out.println("No worker events or samples for: " + String.join(", ", none));
        }
        Text.notes(out, report.notes());
        out.println();
        verdict(out, report, findings);
    }

    private static String row(String worker, WorkerReport w) {
        return String.format(Locale.ROOT, ROW, worker, w.thread().isEmpty() ? "-" : w.thread(), w.polls(),
                w.busyRatio() < 0 ? "-" : Units.percent(w.busyRatio()), Units.duration(w.idleNanos()), w.parks(),
                w.steals(), w.maxLocalQueueDepth() < 0 ? "-" : String.valueOf(w.maxLocalQueueDepth()),
                w.longestPollNanos() == 0 ? "-" : Units.duration(w.longestPollNanos()),
                w.delay().count() == 0 ? "-" : Units.duration(w.delay().p99()), w.fromCounters() ? "counters" : "events");
    }

    @Override
    void json(ObjectNode root, AnalysisReport report, int top) {
        ArrayNode pools = root.putArray("pools");
        report.pools().forEach(p -> pools.add(JsonReport.pool(p, true)));
    }
}
