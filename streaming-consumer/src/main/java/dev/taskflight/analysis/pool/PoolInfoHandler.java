package dev.taskflight.analysis.pool;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

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
    public void handle(EventView event) {
        String pool = event.getString(FieldNames.POOL, null);
        if (pool == null) {
            return;
        }
        registry.info(pool, event.getString(FieldNames.KIND, ""), event.getInt(FieldNames.PARALLELISM, -1),
                event.getString(FieldNames.INSTRUMENTATION, ""), event.getString(FieldNames.TASKFLIGHT_VERSION, ""));
    }
}
