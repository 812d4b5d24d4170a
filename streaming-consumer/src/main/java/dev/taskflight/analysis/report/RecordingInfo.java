package dev.taskflight.analysis.report;

import java.time.Instant;

/**
 * What was analyzed: the file (if any), its size and time span, and how much of it could be read.
 *
 * @param source the file name or another description of the source, not {@code null}
 * @param sizeBytes the file size, -1 for a live source
 * @param chunks the number of chunks read
 * @param start the start of the first chunk read, {@code null} if unknown
 * @param end the end of the last chunk read, {@code null} if unknown
 * @param truncated whether the recording ends in damage (a JVM killed while writing, a cut file)
 * @param taskflightEvents the number of Taskflight events read
 */
public record RecordingInfo(String source, long sizeBytes, int chunks, Instant start, Instant end,
        boolean truncated, long taskflightEvents) {
}
