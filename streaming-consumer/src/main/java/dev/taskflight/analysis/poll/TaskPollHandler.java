package dev.taskflight.analysis.poll;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.EventFields;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** Reads {@code taskflight.TaskPoll}: every poll into the statistics, long ones kept for explanation. */
public final class TaskPollHandler implements EventHandler {

    private static final int POOL = 0;
    private static final int WORKER = 1;
    private static final int DELAY = 2;
    private static final int THREAD = 3;
    private static final int VIRTUAL_THREAD = 4;
    private static final int TASK_CLASS = 5;

    private final PollAggregator polls;
    private final EventFields fields =
            new EventFields("pool", "worker", "schedulingDelay", "eventThread", "virtualThread", "taskClass");
    private RecordedThread lastThread;
    private long lastThreadId = -1;

    /** Creates a handler feeding {@code polls}. */
    public TaskPollHandler(PollAggregator polls) {
        this.polls = polls;
    }

    /** Virtual threads usually have no name: they are shown by id then. */
    private static String virtualName(RecordedThread virtual) {
        if (virtual == null) {
            return null;
        }
        String name = Fields.threadName(virtual);
        return name.isEmpty() ? "#" + virtual.getJavaThreadId() : name;
    }

    @Override
    public String eventName() {
        return EventNames.TASK_POLL;
    }

    @Override
    public void handle(RecordedEvent event) {
        fields.bind(event);
        String pool = fields.getString(event, POOL, "");
        int worker = fields.getInt(event, WORKER, -1);
        long duration = Fields.nanos(event.getDuration());
        long delay = fields.getLong(event, DELAY, Long.MIN_VALUE);
        boolean longPoll = polls.isLong(duration);
        if (polls.poll(pool, worker, duration, delay) || longPoll) {
            RecordedThread thread = fields.getThread(event, THREAD);
            if (thread != lastThread) {
                lastThread = thread;
                lastThreadId = Fields.threadId(thread);
            }
            polls.thread(lastThreadId);
        }
        if (longPoll) {
            RecordedThread thread = lastThread;
            long threadId = lastThreadId;
            RecordedThread virtual = fields.getThread(event, VIRTUAL_THREAD);
            String taskClass = fields.getClassName(event, TASK_CLASS);
            polls.longPoll(new LongPollCandidate(pool, worker, threadId, Fields.threadName(thread),
                    taskClass == null ? "" : taskClass, Fields.threadId(virtual),
                    virtualName(virtual), Fields.epochNanos(event.getStartTime()),
                    duration));
        }
    }
}
