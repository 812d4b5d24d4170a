package dev.taskflight.cli;

import dev.taskflight.analysis.source.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Shows how far an analysis has got on one line of stderr, rewritten in place at most 5 times a second. */
final class ProgressIndicator implements ProgressListener {

    /** Files smaller than this are analyzed too fast for progress to help. */
    static final long MIN_SIZE = 64L * 1024 * 1024;
    /** Set by bin/jfr-analyze to {@code true} when stderr is a terminal. */
    static final String STDERR_IS_TERMINAL = "jfr-analyze.stderrIsTerminal";
    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String name;
    private long last;
    private boolean shown;

    ProgressIndicator(PrintWriter err, String name) {
        this.err = err;
        this.name = name;
    }

    /** Returns whether to show progress: as asked, or for large files when stderr is a terminal. */
    static boolean wanted(Boolean asked, long fileSize) {
        if (asked != null) {
            return asked;
        }
        String tty = System.getProperty(STDERR_IS_TERMINAL);
        boolean terminal = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
        return terminal && fileSize >= MIN_SIZE;
    }

    @Override
    public void progress(int pass, int passes, double fraction) {
        long now = System.nanoTime();
        if (shown && now - last < INTERVAL_NANOS && fraction < 1) {
            return;
        }
        last = now;
        shown = true;
        err.print(String.format(Locale.ROOT, "\rjfr-analyze: reading %s, pass %d of %d: %3d%%", name, pass, passes,
                Math.round(fraction * 100)));
        err.flush();
    }

    /** Erases the progress line, if one was shown. */
    void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
