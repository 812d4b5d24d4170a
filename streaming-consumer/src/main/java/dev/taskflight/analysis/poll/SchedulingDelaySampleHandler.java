package dev.taskflight.analysis.poll;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

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
    public void handle(EventView event) {
        long delay = event.getNanos(FieldNames.SCHEDULING_DELAY, Long.MIN_VALUE);
        if (delay != Long.MIN_VALUE) {
            String pool = event.getString(FieldNames.POOL, "");
            int worker = event.getInt(FieldNames.WORKER, -1);
            polls.delaySample(pool, worker, delay);
            if (polls.isLongDelay(delay)) {
                polls.longDelay(pool, worker, "", event.startNanos(), delay);
            }
        }
    }
}
