package dev.taskflight.cli;

/**
 * The part of a recording to draw, in nanoseconds since the epoch: {@code --from}/{@code --to} as
 * offsets from the recording's start.
 *
 * @param from the first instant drawn
 * @param to the last instant drawn
 */
record TimeWindow(long from, long to) {

    /** Returns whether a period overlaps the window. */
    boolean overlaps(long start, long end) {
        return end >= from && start <= to;
    }

    /** Returns the window's length in nanoseconds. */
    long length() {
        return Math.max(0, to - from);
    }
}
