package dev.taskflight.analysis.queue;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.pool.PoolRegistry;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

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
    public void handle(EventView event) {
        String pool = event.getString(FieldNames.POOL, "");
        registry.sampled(pool, event.getString(FieldNames.KIND, null), event.getInt(FieldNames.PARALLELISM, -1));
        long queued = QueueAggregator.queuedWork(event.getLong(FieldNames.QUEUED_TASKS, 0),
                event.getLong(FieldNames.QUEUED_SUBMISSIONS, -1));
        queues.sample(pool, event.startNanos(), queued, event.getInt(FieldNames.ACTIVE_WORKERS, -1),
                event.getInt(FieldNames.POOL_SIZE, -1), event.getLong(FieldNames.STEALS, -1),
                event.getLong(FieldNames.COMPLETED_TASKS, -1));
    }
}
