package dev.taskflight.analysis.steal;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;

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
    public void handle(RecordedEvent event) {
        steals.steal(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1));
    }
}
