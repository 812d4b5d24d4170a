package dev.taskflight.cli.text;

import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.CauseShare;
import dev.taskflight.analysis.report.DelayExplanation;
import dev.taskflight.analysis.report.DelayExplanation.Delay;
import dev.taskflight.analysis.report.Units;
import java.io.PrintWriter;
import java.util.Locale;

/** Writes cause breakdowns and explained scheduling delays as text. */
public final class CauseText {

    /** Causes named on a pool's summary line. */
    public static final int SUMMARY_CAUSES = 3;

    private CauseText() {
    }

    /** Returns a pool's summary line: its top causes with their shares. */
    public static String summary(CauseBreakdown b) {
        return "long polls by cause (" + b.longPolls() + ", " + Units.duration(b.longPollNanos()) + "): "
                + b.describe(SUMMARY_CAUSES);
    }

    /** Writes a pool's breakdown, one cause and site a line, the largest share first. */
    public static void breakdown(PrintWriter out, String indent, CauseBreakdown b) {
        out.println(indent + "pool " + b.pool() + ": " + b.longPolls() + " long polls, "
                + Units.duration(b.longPollNanos()) + (b.uncovered() > 0 ? " (" + b.uncovered()
                + " more not covered)" : ""));
        for (CauseShare c : b.causes()) {
            out.println(String.format(Locale.ROOT, "%s  %4s  %-28s %s%s", indent, Units.percent(c.share()),
                    c.kind().label(), c.where(), c.kind() == CauseKind.UNEXPLAINED ? ""
                            : "  (" + c.polls() + (c.polls() == 1 ? " poll)" : " polls)")).stripTrailing());
        }
    }

    /** Writes what held a pool's workers during its longest scheduling delays, and the {@code top} longest. */
    public static void delays(PrintWriter out, String indent, DelayExplanation d, int top) {
        out.println(indent + "while the " + d.delays().size() + " longest-waiting tasks waited ("
                + d.workers() + " workers): " + d.describe(4));
        if (!d.sites().isEmpty()) {
            out.println(indent + "  code sites sampled on the workers: " + Text.frames(d.sites()));
        }
        for (Delay x : d.delays().subList(0, Math.min(top, d.delays().size()))) {
            out.println(String.format(Locale.ROOT, "%s  %s  task %s%s, waiting from %s UTC: %s", indent,
                    Units.duration(x.delayNanos()), x.taskClass().isEmpty() ? "?" : x.taskClass(),
                    x.worker() >= 0 ? " (ran on worker " + x.worker() + ")" : "", Units.time(x.waitStart()),
                    DelayExplanation.describe(x.heldBy(), 3)));
        }
    }
}
