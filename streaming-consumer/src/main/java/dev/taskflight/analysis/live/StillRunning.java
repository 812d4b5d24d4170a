package dev.taskflight.analysis.live;

import java.util.Locale;

/**
 * Which lines a poll still running gets ({@code taskflight.PollInProgress}, from the recorder's
 * watchdog, which reports a poll at the long-poll threshold and again each time its running time
 * doubles): not one per report, but one per change that matters. Under {@link #ALL} and
 * {@link #CRITICAL}, a line written with no frame (the watchdog took no stack for the reports so far)
 * is followed by one more, in the same state, once a later report brings the stack.
 */
public enum StillRunning {

    /** A line when the poll is first reported, one when it passes the critical threshold, one when it ends. */
    ALL,
    /** A line only once the poll has passed the critical threshold, and one when such a poll ends. */
    CRITICAL,
    /** No lines. */
    OFF;

    /**
     * Returns the policy named {@code all}, {@code critical} or {@code off}, ignoring case.
     *
     * @param name the name, not {@code null}
     * @return the policy, not {@code null}
     * @throws IllegalArgumentException if the name is none of these
     */
    public static StillRunning of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not all, critical or off");
        }
    }

    /** Returns the name as written in options: {@code all}, {@code critical} or {@code off}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
