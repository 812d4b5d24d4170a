package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.queue.QueueAggregator;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/** Reads {@code taskflight.QueueSample} again: was work queued while a worker was parked, for how long. */
final class QueueDuringIdleHandler implements EventHandler {

    private final Correlation c;

    QueueDuringIdleHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return EventNames.QUEUE_SAMPLE;
    }

    @Override
    public void handle(EventView event) {
        String pool = event.getString(FieldNames.POOL, "");
        if (!c.idlePools.contains(pool)) {
            return;
        }
        long queued = QueueAggregator.queuedWork(event.getLong(FieldNames.QUEUED_TASKS, 0),
                event.getLong(FieldNames.QUEUED_SUBMISSIONS, -1));
        long time = event.startNanos();
        c.idlePools.forEach(pool, time, time, w -> {
            w.maxQueued = Math.max(w.maxQueued, queued);
            if (queued > 0) {
                w.earliestQueued = Math.min(w.earliestQueued, time);
            }
        });
    }
}
