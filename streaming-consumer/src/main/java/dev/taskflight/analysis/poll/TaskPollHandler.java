package dev.taskflight.analysis.poll;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/** Reads {@code taskflight.TaskPoll}: every poll into the statistics, long ones kept for explanation. */
public final class TaskPollHandler implements EventHandler {

    private final PollAggregator polls;

    /** Creates a handler feeding {@code polls}. */
    public TaskPollHandler(PollAggregator polls) {
        this.polls = polls;
    }

    @Override
    public String eventName() {
        return EventNames.TASK_POLL;
    }

    @Override
    public void handle(EventView event) {
        String pool = event.getString(FieldNames.POOL, "");
        int worker = event.getInt(FieldNames.WORKER, -1);
        long duration = event.durationNanos();
        long delay = event.getNanos(FieldNames.SCHEDULING_DELAY, Long.MIN_VALUE); // microseconds since version 2
        boolean longPoll = polls.isLong(duration);
        long threadId = -1;
        if (polls.poll(pool, worker, duration, delay) || longPoll || delay >= 0 && polls.isLongDelay(delay)) {
            threadId = event.threadId(FieldNames.EVENT_THREAD);
            polls.thread(threadId);
        }
        String taskClass = null;
        if (longPoll) {
            long virtualId = event.threadId(FieldNames.VIRTUAL_THREAD);
            taskClass = orEmpty(event.taskName());
            polls.longPoll(new LongPollCandidate(pool, worker, threadId, event.threadName(FieldNames.EVENT_THREAD),
                    taskClass, virtualId, virtualName(event, virtualId), event.startNanos(), duration));
        }
        if (delay >= 0 && polls.isLongDelay(delay)) {
            polls.longDelay(pool, worker, taskClass == null ? orEmpty(event.taskName()) : taskClass,
                    event.startNanos(), delay);
        }
    }

    /** Virtual threads usually have no name: they are shown by id then; {@code null} without one. */
    private static String virtualName(EventView event, long id) {
        if (id < 0 && event.threadName(FieldNames.VIRTUAL_THREAD).isEmpty()) {
            return null;
        }
        String name = event.threadName(FieldNames.VIRTUAL_THREAD);
        return name.isEmpty() ? "#" + id : name;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
