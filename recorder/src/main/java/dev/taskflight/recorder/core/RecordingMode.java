package dev.taskflight.recorder.core;

import dev.taskflight.events.EventNames;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Which way the recorder measures polls, decided by the running recordings: <em>trace</em> (every
 * poll timed on its worker) while a recording asks for {@code taskflight.TaskPoll} with a threshold
 * below {@link #WATCHDOG_THRESHOLD_NANOS}, else <em>production</em> (no clock per poll; long polls
 * found by the {@link Watchdog}). The java agent's {@code mode=} option can force either.
 *
 * <p>Only recordings that may enable a Taskflight event count: one that disables every one of them
 * by name (JFR's own events recorded with Taskflight's turned off) leaves the recorder as dormant as
 * no recording does, with no watchdog and no clock read.
 *
 * <p>Follows recordings through a {@link FlightRecorderListener}: the hot path reads one volatile
 * flag per poll. A change of settings on a recording that is already running is seen at the next
 * start or stop of any recording.
 */
public final class RecordingMode {

    /** The shortest long-poll threshold the watchdog serves; lower thresholds switch to trace: 10 ms. */
    public static final long WATCHDOG_THRESHOLD_NANOS = 10_000_000;

    /** What the agent's {@code mode=} option asks for. */
    public enum Forced {
        /** Follow the recordings. */
        AUTO,
        /** Never time polls one by one. */
        PRODUCTION,
        /** Time every poll whenever a recording enables {@code TaskPoll}. */
        TRACE
    }

    private static final long DEFAULT_THRESHOLD_NANOS = 10_000_000;
    /** Taskflight's events, read with this class's initialization: never loaded on the thread of a recording's start. */
    private static final List<String> EVENTS = EventNames.ALL;
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final AtomicLong UPDATES = new AtomicLong();
    private static long published; // guarded by RecordingMode.class
    private static Set<Long> runningIds = Set.of(); // guarded by RecordingMode.class

    static volatile boolean trace;
    private static volatile boolean recording;
    private static volatile long longPollNanos = DEFAULT_THRESHOLD_NANOS;
    private static volatile Forced forced = Forced.AUTO;
    private static volatile long recordingStarts;

    private RecordingMode() {
    }

    /** @return whether polls are timed one by one (trace mode) */
    public static boolean trace() {
        return trace;
    }

    /** @return whether a running recording may enable one of Taskflight's events */
    public static boolean recording() {
        return recording;
    }

    /** @return the lowest {@code TaskPoll} threshold among running recordings that enable it, in ns */
    public static long longPollNanos() {
        return longPollNanos;
    }

    /**
     * Returns how many recordings have been seen starting, so that the watchdog can report again, into a
     * recording that started while they ran, the polls it had already reported into the others.
     *
     * @return a count that grows by one or more each time a recording starts
     */
    static long recordingStarts() {
        return recordingStarts;
    }

    /**
     * Returns the running time from which production mode reports a poll as long without timing it: the
     * lowest {@code TaskPoll} threshold of the running recordings, and never under
     * {@link #WATCHDOG_THRESHOLD_NANOS}.
     *
     * @return nanoseconds
     */
    static long stallNanos() {
        return Math.max(longPollNanos, WATCHDOG_THRESHOLD_NANOS);
    }

    /**
     * Forces a mode, or lets the recordings decide again.
     *
     * @param mode the mode, not {@code null}
     */
    public static void force(Forced mode) {
        forced = mode;
        install();
        update();
    }

    /** Starts following recordings; later calls do nothing. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    update();
                }

                @Override
                public void recordingStateChanged(Recording r) {
                    update();
                }
            });
            update();
        }
    }

    /**
     * Reads the running recordings' settings again. Holds no lock of its own while it asks JFR: JFR
     * calls its listeners both with and without its recorder lock held (a recording closed by its
     * owner, a recording stopped by JFR's shutdown hook), so a lock taken around the reads would
     * deadlock against JFR at exit (seen on JDK 25 with two recordings stopping together). Each call
     * takes a ticket before reading; a reading is published only if no later ticket's has been, and a
     * later ticket's reading saw every change notified before it.
     */
    static void update() {
        long ticket = UPDATES.incrementAndGet();
        boolean running = false;
        boolean pollsWanted = false;
        long threshold = Long.MAX_VALUE;
        Set<Long> ids = new HashSet<>();
        if (FlightRecorder.isInitialized()) {
            for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
                Map<String, String> s = r.getSettings();
                if (r.getState() != RecordingState.RUNNING || !wantsTaskflight(s)) {
                    continue;
                }
                running = true;
                ids.add(r.getId());
                if (!"false".equals(s.get(EventNames.TASK_POLL + "#enabled"))) {
                    pollsWanted = true;
                    threshold = Math.min(threshold, parseNanos(s.get(EventNames.TASK_POLL + "#threshold")));
                }
            }
        }
        publish(ticket, running, pollsWanted, threshold, ids);
    }

    /**
     * Whether a recording's settings may enable one of Taskflight's events: all but a recording that
     * disables every one of them by name. A setting left out counts as enabled, as JFR reads most of the
     * events' annotations, so that a recording that does not name Taskflight ({@code settings=default})
     * records it.
     */
    private static boolean wantsTaskflight(Map<String, String> settings) {
        for (String event : EVENTS) {
            if (!"false".equals(settings.get(event + "#enabled"))) {
                return true;
            }
        }
        return false;
    }

    private static synchronized void publish(long ticket, boolean running, boolean pollsWanted, long threshold,
            Set<Long> ids) {
        if (ticket < published) {
            return; // a later reading is already out
        }
        published = ticket;
        if (!runningIds.containsAll(ids)) {
            recordingStarts++; // written under this class's lock only
        }
        runningIds = ids;
        longPollNanos = pollsWanted ? threshold : DEFAULT_THRESHOLD_NANOS;
        recording = running;
        // no switch on the enum: its map is a class of its own, loaded here on the thread that starts the
        // first recording, main for -XX:StartFlightRecording
        trace = pollsWanted && (forced == Forced.TRACE || forced == Forced.AUTO && threshold < WATCHDOG_THRESHOLD_NANOS);
        Watchdog.follow(running);
        if (!running) {
            SampledSubmissions.clear();
        }
    }

    /**
     * Parses a JFR threshold setting such as {@code "10 ms"} or {@code "0 ns"}.
     *
     * @param text the setting, or {@code null} for the annotation default (10 ms)
     * @return nanoseconds; the default for text that is not a duration
     */
    static long parseNanos(String text) {
        if (text == null) {
            return DEFAULT_THRESHOLD_NANOS;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return DEFAULT_THRESHOLD_NANOS;
        }
        long n = Long.parseLong(t.substring(0, i));
        long unit = switch (t.substring(i).trim()) {
            case "", "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> -1L;
        };
        return unit < 0 ? DEFAULT_THRESHOLD_NANOS : n * unit;
    }
}
