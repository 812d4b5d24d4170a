package dev.taskflight.analysis.explain;

/** A period of interest: a long poll or an idle park, with what was recorded during it. */
class Window {

    final long start;
    final long end;
    final CauseAccumulator causes = new CauseAccumulator();
    long earliestQueued = Long.MAX_VALUE;
    long maxQueued = -1;
    int stamp;

    Window(long start, long end) {
        this.start = start;
        this.end = end;
    }

    /** Returns how long {@code [s, e]} overlaps this window. */
    long overlap(long s, long e) {
        return Math.max(0, Math.min(e, end) - Math.max(s, start));
    }
}
