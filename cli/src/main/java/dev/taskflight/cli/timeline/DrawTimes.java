package dev.taskflight.cli.timeline;

import java.time.Instant;
import java.util.Locale;

/** Conversions the drawing commands share. */
public final class DrawTimes {

    private DrawTimes() {
    }

    /**
     * Returns an instant as nanoseconds since the epoch.
     *
     * @param i the instant, not {@code null}
     * @return the nanoseconds
     */
    public static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /**
     * Returns a byte count for people: {@code 1.5 GB}, {@code 200 MB}, {@code 12 kB}.
     *
     * @param bytes the count
     * @return the text, not {@code null}
     */
    public static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%d MB", bytes >> 20);
        }
        return String.format(Locale.ROOT, "%d kB", Math.max(1, bytes >> 10));
    }
}
