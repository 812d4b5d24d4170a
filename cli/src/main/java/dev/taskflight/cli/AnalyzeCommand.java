package dev.taskflight.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.UnseenWork;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.analysis.source.RecordingException;
import dev.taskflight.cli.json.JsonReport;
import dev.taskflight.cli.text.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every command does: analyze the file, show its part of the report, gate on its findings. */
abstract class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    /** Returns the command's name, as in the JSON's {@code command}. */
    abstract String command();

    /** Returns the finding types this command shows and gates on; empty for all. */
    abstract Set<String> findingTypes();

    /** Writes the command's text report. */
    abstract void text(PrintWriter out, AnalysisReport report, List<Finding> findings, int top);

    /** Adds the command's sections to the JSON envelope. */
    abstract void json(ObjectNode root, AnalysisReport report, int top);

    @Override
    public Integer call() {
        if (options.file == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
        }
        AnalysisOptions analysis;
        try {
            analysis = options.analysisOptions();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressIndicator progress = ProgressIndicator.wanted(options.progress, size())
                ? new ProgressIndicator(err, String.valueOf(options.file.getFileName())) : null;
        AnalysisReport report;
        try {
            report = new FileAnalysis(options.file, analysis, progress == null ? ProgressListener.NONE : progress).run();
        } catch (RecordingException e) {
            err.println(Cli.NAME + ": " + e.getMessage());
            err.flush();
            return ExitCodes.of(e.problem());
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
        report.warnings().forEach(w -> err.println(Cli.NAME + ": warning: " + w));
        err.flush();
        Set<String> types = findingTypes();
        List<Finding> findings = report.findings().stream()
                .filter(f -> types.isEmpty() || types.contains(f.type())).collect(Collectors.toList());
        Optional<Severity> worst = findings.stream().map(Finding::severity).max(Enum::compareTo);
        if (options.format == OutputFormat.json) {
            ObjectNode root = JsonReport.envelope(command(), version(), report, findings,
                    worst.map(Severity::id).orElse("ok"));
            json(root, report, options.top);
            JsonReport.write(out, root);
        } else {
            text(out, report, findings, options.top);
        }
        out.flush();
        boolean gate = options.failOn != null && worst.isPresent() && worst.get().compareTo(options.failOn) >= 0;
        return gate ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The verdict of no findings when application code ran where Taskflight did not see it. */
    static final String VERDICT_UNSEEN =
            "Verdict: INCOMPLETE, no findings in the pools Taskflight saw, but it did not see all the work (below).";
    /** The verdict of no findings when a recording cannot tell whether application code ran unseen. */
    static final String VERDICT_UNCHECKED =
            "Verdict: INCOMPLETE, no findings in the pools Taskflight saw; whether other work ran unseen is unknown (below).";

    /** The verdict of no findings in a recording without Taskflight's events. */
    static final String VERDICT_NO_TASKFLIGHT =
            "Verdict: INCOMPLETE, no Taskflight events: Taskflight saw no pool's work (see the note above).";

    /**
     * Writes the standard closing lines of a text report: the verdict over the findings shown, and the
     * application code that ran where no pool was seen, which the verdict cannot speak for.
     */
    static void verdict(PrintWriter out, AnalysisReport report, List<Finding> findings) {
        UnseenWork unseen = report.unseen();
        if (findings.isEmpty()) {
            out.println(report.allSeen() ? "Verdict: OK, no findings."
                    : report.recording().taskflightEvents() == 0 ? VERDICT_NO_TASKFLIGHT
                    : unseen.any() ? VERDICT_UNSEEN : VERDICT_UNCHECKED);
        } else {
            long critical = findings.stream().filter(f -> f.severity() == Severity.CRITICAL).count();
            long warning = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
            long info = findings.size() - critical - warning;
            Severity worst = findings.stream().map(Finding::severity).max(Enum::compareTo).get();
            out.println(String.format(Locale.ROOT, "Verdict: %s, %d critical, %d warning%s, %d info.", worst, critical,
                    warning, warning == 1 ? "" : "s", info));
        }
        Text.unseen(unseen).forEach(out::println);
    }

    private long size() {
        try {
            return Files.isRegularFile(options.file) ? Files.size(options.file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String version() {
        String v = AnalyzeCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
