package dev.taskflight.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.cli.json.ExplanationJson;
import dev.taskflight.cli.json.JsonReport;
import dev.taskflight.cli.text.CauseText;
import dev.taskflight.cli.text.Text;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code jfr-analyze long-polls FILE}: the longest polls, with what the JDK recorded during each. */
@Command(name = "long-polls", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The longest polls, and what the JDK recorded on the worker during each: CPU samples (top"
                + " frames), monitors, parks, sleeps, I/O, pinning.")
final class LongPollsCommand extends AnalyzeCommand {

    @Override
    String command() {
        return "long-polls";
    }

    @Override
    Set<String> findingTypes() {
        return Set.of(LongPollFinding.TYPE);
    }

    @Override
    void text(PrintWriter out, AnalysisReport report, List<Finding> findings, int top) {
        Text.recording(out, report.recording());
        long total = report.pools().stream().mapToLong(PoolReport::longPolls).sum();
        List<LongPoll> shown = report.longPolls().subList(0, Math.min(top, report.longPolls().size()));
        if (!report.breakdowns().isEmpty()) {
            out.println();
            out.println("Long-poll time by cause and code site, over every long poll:");
            report.breakdowns().forEach(b -> CauseText.breakdown(out, "  ", b));
        }
        out.println();
        out.println("Long polls: " + total + " at or above the warning threshold; "
                + (shown.isEmpty() ? "none to show." : "the " + shown.size() + " longest:"));
        for (LongPoll p : shown) {
            out.println();
            out.println(String.format(Locale.ROOT, "%-8s %s  %s worker %d (%s), task %s, at %s UTC", p.severity(),
                    Units.duration(p.durationNanos()), p.pool(), p.worker(), p.thread().isEmpty() ? "?" : p.thread(),
                    p.taskClass().isEmpty() ? "?" : p.taskClass(), Units.time(p.start())));
            if (p.virtualThread() != null) {
                out.println("         virtual thread " + p.virtualThread());
            }
            for (Cause c : p.explanation().causes()) {
                out.println(String.format(Locale.ROOT, "         %4s %s%s (%d %s)", Units.percent(c.share()),
                        c.kind().label(), c.subject().isEmpty() || c.kind() == CauseKind.CPU ? "" : " " + c.subject(),
                        c.events(), unit(c)));
            }
            if (p.explanation().causes().isEmpty()) {
                out.println("         " + p.explanation().describe());
            }
            if (!p.explanation().topFrames().isEmpty()) {
                out.println("         top frames: " + Text.frames(p.explanation().topFrames()));
            }
        }
        if (!findings.isEmpty()) {
            out.println();
            findings.forEach(f -> Text.finding(out, "", f));
        }
        Text.notes(out, report.notes());
        out.println();
        verdict(out, report, findings);
    }

    private static String unit(Cause c) {
        if (c.kind() == CauseKind.CPU) {
            return c.events() == 1 ? "sample" : "samples";
        }
        return c.events() == 1 ? "event" : "events";
    }

    @Override
    void json(ObjectNode root, AnalysisReport report, int top) {
        root.put("totalLongPolls", report.pools().stream().mapToLong(PoolReport::longPolls).sum());
        root.set("breakdowns", ExplanationJson.breakdowns(report.breakdowns()));
        ArrayNode polls = root.putArray("longPolls");
        report.longPolls().stream().limit(top).forEach(p -> polls.add(JsonReport.longPoll(p)));
    }
}
