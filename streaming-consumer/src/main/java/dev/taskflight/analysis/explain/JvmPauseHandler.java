package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.FieldNames;

/**
 * Reads the JVM's stop-the-world pauses: {@code jdk.GCPhasePause}, {@code jdk.GarbageCollection}
 * (its start through its {@code sumOfPauses}, when the recording has no phase pauses) and
 * {@code jdk.SafepointBegin}.
 */
final class JvmPauseHandler implements EventHandler {

    private final Correlation c;
    private final String name;
    private final byte source;

    JvmPauseHandler(Correlation c, String name, byte source) {
        this.c = c;
        this.name = name;
        this.source = source;
    }

    @Override
    public String eventName() {
        return name;
    }

    @Override
    public void handle(EventView event) {
        long start = event.startNanos();
        long length = event.durationNanos();
        if (source == JvmPauses.GC_COLLECTION) {
            length = Math.min(length, event.getNanos(FieldNames.SUM_OF_PAUSES, length));
        }
        c.pauses.add(start, start + length, source);
    }
}
