package dev.taskflight.analysis.steal;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/** Reads {@code taskflight.TaskSteal}. */
public final class TaskStealHandler implements EventHandler {

    private final StealAggregator steals;

    /** Creates a handler feeding {@code steals}. */
    public TaskStealHandler(StealAggregator steals) {
        this.steals = steals;
    }

    @Override
    public String eventName() {
        return EventNames.TASK_STEAL;
    }

    @Override
    public void handle(EventView event) {
        steals.steal(event.getString(FieldNames.POOL, ""), event.getInt(FieldNames.WORKER, -1));
    }
}
