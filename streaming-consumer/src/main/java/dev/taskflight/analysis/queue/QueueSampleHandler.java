package dev.taskflight.analysis.queue;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.pool.PoolRegistry;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code taskflight.QueueSample}: queue depths and pool state over time. */
public final class QueueSampleHandler implements EventHandler {

    private final QueueAggregator queues;
    private final PoolRegistry registry;

    /** Creates a handler feeding {@code queues} and naming pools in {@code registry}. */
    public QueueSampleHandler(QueueAggregator queues, PoolRegistry registry) {
        this.queues = queues;
        this.registry = registry;
    }

    @Override
    public String eventName() {
        return EventNames.QUEUE_SAMPLE;
    }

    @Override
    public void handle(RecordedEvent event) {
        String pool = Fields.getString(event, "pool", "");
        registry.sampled(pool, Fields.getString(event, "kind", null), Fields.getInt(event, "parallelism", -1));
        long queued = QueueAggregator.queuedWork(Fields.getLong(event, "queuedTasks", 0),
                Fields.getLong(event, "queuedSubmissions", -1));
        queues.sample(pool, Fields.epochNanos(event.getStartTime()), queued, Fields.getInt(event, "activeWorkers", -1),
                Fields.getInt(event, "poolSize", -1), Fields.getLong(event, "steals", -1),
                Fields.getLong(event, "completedTasks", -1));
    }
}
