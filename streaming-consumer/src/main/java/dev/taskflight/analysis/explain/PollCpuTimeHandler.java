package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/**
 * Reads {@code taskflight.PollCpuTime}: the CPU time a worker's thread used in the last part of a long
 * poll, from its CPU clock, which tells the time the JDK's sampler missed on CPU from the time off CPU.
 */
final class PollCpuTimeHandler implements EventHandler {

    private final Correlation c;

    PollCpuTimeHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return EventNames.POLL_CPU_TIME;
    }

    @Override
    public void handle(EventView event) {
        long id = event.threadId(FieldNames.EVENT_THREAD);
        long cpu = event.getNanos(FieldNames.CPU_TIME, -1);
        if (id < 0 || cpu < 0 || !c.threads.contains(id)) {
            return;
        }
        long start = event.startNanos();
        long end = event.endNanos();
        c.threads.forEach(id, start, end, w -> w.clocked(start, end, cpu));
    }
}
