package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.CauseShare;

/** Reads a pool's cause breakdown in the tests of what is charged to long polls. */
final class Shares {

    private Shares() {
    }

    /** Returns the share of the pool's long-poll time in a cause kind, over all its subjects. */
    static double share(CauseBreakdown b, CauseKind kind) {
        return b.causes().stream().filter(c -> c.kind() == kind).mapToDouble(CauseShare::share).sum();
    }
}
