package dev.taskflight.analysis.worker;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.ThreadStart}: workers started during the recording count their counters from zero. */
public final class ThreadStartHandler implements EventHandler {

    private final WorkerCounterAggregator counters;

    /** Creates a handler feeding {@code counters}. */
    public ThreadStartHandler(WorkerCounterAggregator counters) {
        this.counters = counters;
    }

    @Override
    public String eventName() {
        return JdkEventNames.THREAD_START;
    }

    @Override
    public void handle(EventView event) {
        long id = event.threadId(FieldNames.THREAD);
        if (id >= 0) {
            counters.threadStarted(id, event.startNanos());
        }
    }
}
