package dev.taskflight.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of jfr-analyze through the shared factory: its exit code, stdout and stderr. */
public record Run(int exitCode, String out, String err) {

    public static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
