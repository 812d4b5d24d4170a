package dev.taskflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.ThreadGroupReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.cli.json.ExplanationJson;
import dev.taskflight.cli.json.JsonReport;
import dev.taskflight.cli.text.CauseText;
import dev.taskflight.cli.text.Text;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code jfr-analyze summary FILE}: a one-screen verdict per pool. */
@Command(name = "summary", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A one-screen verdict per pool: activity, delays, queues and every finding (the default).")
final class SummaryCommand extends AnalyzeCommand {

    @Override
    String command() {
        return "summary";
    }

    @Override
    Set<String> findingTypes() {
        return Set.of();
    }

    @Override
    void text(PrintWriter out, AnalysisReport report, List<Finding> findings, int top) {
        writeText(out, report, findings);
    }

    @Override
    void json(ObjectNode root, AnalysisReport report, int top) {
        writeJson(root, report);
    }

    static void writeText(PrintWriter out, AnalysisReport report, List<Finding> findings) {
        Text.recording(out, report.recording());
        for (PoolReport p : report.pools()) {
            List<Finding> mine = findings.stream().filter(f -> p.name().equals(f.pool())).collect(Collectors.toList());
            out.println();
            out.println("pool " + p.name() + " (" + Text.identity(p) + "): " + verdict(mine));
            if (!p.workers().isEmpty()) {
                out.println("  activity: " + Text.activity(p.totals()));
            }
            report.breakdown(p.name()).ifPresent(b -> out.println("  " + CauseText.summary(b)));
            if (p.delay().count() > 0) {
                out.println("  scheduling delay: " + Text.delay(p.delay()));
            }
            report.delay(p.name()).ifPresent(d -> out.println("  longest delays: " + d.describe(3)));
            if (p.queue() != null) {
                out.println(String.format(Locale.ROOT, "  queue: max %d, mean %.1f over %d samples", p.queue().maxQueued(),
                        p.queue().meanQueued(), p.queue().samples()));
            }
            mine.forEach(f -> Text.finding(out, "  ", f));
        }
        List<Finding> unpooled = findings.stream().filter(f -> f.pool() == null).collect(Collectors.toList());
        if (!unpooled.isEmpty()) {
            out.println();
            out.println("virtual threads:");
            unpooled.forEach(f -> Text.finding(out, "  ", f));
        }
        List<ThreadGroupReport> jdk = report.threadGroups().stream().filter(g -> !g.taskflightPool())
                .collect(Collectors.toList());
        if (!jdk.isEmpty()) {
            out.println();
            out.println("JDK pool threads (from the JDK's own events):");
            for (ThreadGroupReport g : jdk) {
                out.println("  " + g.group() + ": " + threadGroup(g));
                findings.stream().filter(f -> g.group().equals(f.pool())).forEach(f -> Text.finding(out, "    ", f));
            }
        }
        if (!report.notes().isEmpty()) {
            out.println();
            Text.notes(out, report.notes());
        }
        out.println();
        verdict(out, report, findings);
        if (!report.pools().isEmpty()) {
            out.println("Details: " + Cli.NAME + " long-polls|idle-workers|workers|queues|delays "
                    + report.recording().source());
        }
    }

    static void writeJson(ObjectNode root, AnalysisReport report) {
        ArrayNode pools = root.putArray("pools");
        for (PoolReport p : report.pools()) {
            ObjectNode o = JsonReport.pool(p, false);
            o.set("breakdown", report.breakdown(p.name()).<JsonNode>map(ExplanationJson::breakdown)
                    .orElse(NullNode.getInstance()));
            o.set("delaysExplained", report.delay(p.name()).<JsonNode>map(d -> ExplanationJson.delays(d, 3))
                    .orElse(NullNode.getInstance()));
            o.put("verdict", report.findings().stream().filter(f -> p.name().equals(f.pool()))
                    .map(Finding::severity).max(Enum::compareTo).map(Severity::id).orElse("ok"));
            pools.add(o);
        }
        ArrayNode groups = root.putArray("threadGroups");
        report.threadGroups().forEach(g -> groups.add(JsonReport.threadGroup(g)));
        root.set("pinning", JsonReport.pinning(report.pinning()));
    }

    static String threadGroup(ThreadGroupReport g) {
        StringBuilder b = new StringBuilder().append(g.threads()).append(g.threads() == 1 ? " thread" : " threads");
        b.append("; ").append(g.parks()).append(" parks for ").append(Units.duration(g.parkNanos()));
        if (!g.parkedOn().isEmpty()) {
            b.append(" (on ").append(g.parkedOn().get(0).frame()).append(")");
        }
        for (ThreadGroupReport.Blocking x : g.blocking()) {
            b.append("; ").append(x.events()).append(' ').append(x.kind().label()).append(" for ")
                    .append(Units.duration(x.nanos())).append(x.subject().isEmpty() ? "" : " (" + x.subject() + ")");
        }
        b.append("; ").append(g.cpuSamples()).append(" CPU samples");
        if (!g.topFrames().isEmpty()) {
            b.append(", top frames: ").append(Text.frames(g.topFrames().subList(0, Math.min(3, g.topFrames().size()))));
        }
        return b.toString();
    }

    private static String verdict(List<Finding> findings) {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).map(Severity::name).orElse("OK");
    }
}
