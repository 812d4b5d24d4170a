package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.queue.QueueAggregator;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;

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
    public void handle(RecordedEvent event) {
        String pool = Fields.getString(event, "pool", "");
        if (!c.idlePools.contains(pool)) {
            return;
        }
        long queued = QueueAggregator.queuedWork(Fields.getLong(event, "queuedTasks", 0),
                Fields.getLong(event, "queuedSubmissions", -1));
        long time = Fields.epochNanos(event.getStartTime());
        c.idlePools.forEach(pool, time, time, w -> {
            w.maxQueued = Math.max(w.maxQueued, queued);
            if (queued > 0) {
                w.earliestQueued = Math.min(w.earliestQueued, time);
            }
        });
    }
}
