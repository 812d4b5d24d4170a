package dev.taskflight.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

/** Builds the {@code jfr-analyze} command line; {@code main} and the tests share it. */
public final class Cli {

    static final String NAME = "jfr-analyze";

    private Cli() {
    }

    /**
     * Returns a new command line writing to the process's stdout and stderr.
     *
     * @return the command line, not {@code null}
     */
    public static CommandLine newCommandLine() {
        return configure(new SubcommandFirst(new JfrAnalyze()));
    }

    /**
     * Returns a new command line writing to the given writers.
     *
     * @param out where reports go, not {@code null}
     * @param err where errors, warnings and progress go, not {@code null}
     * @return the command line, not {@code null}
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = newCommandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }

    private static CommandLine configure(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        exitCodes(cl);
        cl.getSubcommands().values().forEach(Cli::exitCodes);
        cl.setParameterExceptionHandler(usageError());
        cl.setExecutionExceptionHandler(internalError());
        return cl;
    }

    /**
     * A command line that moves the subcommand's name in front of the options, so that options may come
     * before or after it ({@code jfr-analyze --format json queues app.jfr}) and always reach the
     * command that runs.
     */
    private static final class SubcommandFirst extends CommandLine {

        SubcommandFirst(Object command) {
            super(command);
        }

        @Override
        public int execute(String... args) {
            Set<String> names = getSubcommands().keySet();
            for (int i = 1; i < args.length; i++) {
                if (names.contains(args[i]) && !args[i - 1].equals("--")) {
                    List<String> reordered = new ArrayList<>(Arrays.asList(args));
                    reordered.add(0, reordered.remove(i));
                    return super.execute(reordered.toArray(new String[0]));
                }
                if (args[i].equals("--")) {
                    break;
                }
            }
            return super.execute(args);
        }
    }

    private static void exitCodes(CommandLine cl) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : ExitCodes.help(cl.getCommandName())) {
            int colon = line.indexOf(':');
            codes.put(String.format("%3s", line.substring(0, colon)), line.substring(colon + 1));
        }
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }

    /** Wrong options: one line naming the problem and where help is, exit code {@link ExitCodes#USAGE}. */
    private static IParameterExceptionHandler usageError() {
        return (ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            String help = cl.getCommandSpec().qualifiedName();
            cl.getErr().println(NAME + ": " + ex.getMessage() + " (see '" + help + " --help')");
            cl.getErr().flush();
            return ExitCodes.USAGE;
        };
    }

    /** A bug: one line, no stack trace unless JFR_ANALYZE_DEBUG is set; exit code {@link ExitCodes#INTERNAL_ERROR}. */
    private static IExecutionExceptionHandler internalError() {
        return (ex, cl, parseResult) -> {
            cl.getErr().println(NAME + ": internal error: " + ex + " (set JFR_ANALYZE_DEBUG=1 for details)");
            if (System.getenv("JFR_ANALYZE_DEBUG") != null) {
                ex.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return ExitCodes.INTERNAL_ERROR;
        };
    }
}
