package dev.taskflight.analysis.poll;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Reads {@code taskflight.SchedulingDelaySample}: the scheduling delay of one task in N, which the
 * recorder's production mode measures instead of timing every poll.
 */
public final class SchedulingDelaySampleHandler implements EventHandler {

    private final PollAggregator polls;

    /** Creates a handler feeding {@code polls}. */
    public SchedulingDelaySampleHandler(PollAggregator polls) {
        this.polls = polls;
    }

    @Override
    public String eventName() {
        return EventNames.SCHEDULING_DELAY_SAMPLE;
    }

    @Override
    public void handle(RecordedEvent event) {
        long delay = Fields.getLong(event, "schedulingDelay", Long.MIN_VALUE);
        if (delay != Long.MIN_VALUE) {
            polls.delaySample(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1), delay);
        }
    }
}
