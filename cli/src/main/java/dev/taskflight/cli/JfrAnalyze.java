package dev.taskflight.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.report.AnalysisReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * {@code jfr-analyze}: scheduler findings from {@code .jfr} recordings. Without a subcommand it runs
 * {@code summary}.
 */
@Command(name = Cli.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = {Cli.NAME + " [COMMAND] [OPTIONS] FILE",
            "       " + Cli.NAME + " stream (--pid PID | --repository DIR | --jmx HOST:PORT) [OPTIONS]",
            "       " + Cli.NAME + " attach PID [OPTIONS] [AGENT_OPTIONS]"},
        description = {"Scheduler findings from JFR recordings: long polls and what caused them, idle workers,"
                + " scheduling delay, queue backlog, imbalance, pinned carriers.",
            "Without a command, runs 'summary'. Reads any JDK 17+ recording; Taskflight events give the most."},
        subcommands = {SummaryCommand.class, LongPollsCommand.class, IdleWorkersCommand.class, WorkersCommand.class,
            QueuesCommand.class, DelaysCommand.class, StreamCommand.class, TimelineCommand.class,
            ReportCommand.class, AttachCommand.class})
public final class JfrAnalyze extends AnalyzeCommand {

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code;
        try {
            code = Cli.newCommandLine().execute(args);
        } catch (Throwable t) { // an Error (out of memory, a broken jar): still one line, no stack trace
            System.err.println(Cli.NAME + ": internal error: " + t);
            code = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(code);
    }

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
        SummaryCommand.writeText(out, report, findings);
    }

    @Override
    void json(ObjectNode root, AnalysisReport report, int top) {
        SummaryCommand.writeJson(root, report);
    }
}
