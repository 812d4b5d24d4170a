package dev.taskflight.analysis.pool;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code taskflight.PoolInfo} into the pool registry. */
public final class PoolInfoHandler implements EventHandler {

    private final PoolRegistry registry;

    /** Creates a handler feeding {@code registry}. */
    public PoolInfoHandler(PoolRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String eventName() {
        return EventNames.POOL_INFO;
    }

    @Override
    public void handle(RecordedEvent event) {
        String pool = Fields.getString(event, "pool", null);
        if (pool == null) {
            return;
        }
        registry.info(pool, Fields.getString(event, "kind", ""), Fields.getInt(event, "parallelism", -1),
                Fields.getString(event, "instrumentation", ""), Fields.getString(event, "taskflightVersion", ""));
    }
}
