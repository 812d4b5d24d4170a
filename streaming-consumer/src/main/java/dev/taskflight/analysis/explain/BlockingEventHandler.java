package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** The shape shared by handlers of JDK duration events that block a thread: monitor, park, sleep, I/O. */
abstract class BlockingEventHandler implements EventHandler {

    final Correlation c;
    private final String name;
    private final CauseKind kind;

    BlockingEventHandler(Correlation c, String name, CauseKind kind) {
        this.c = c;
        this.name = name;
        this.kind = kind;
    }

    @Override
    public final String eventName() {
        return name;
    }

    @Override
    public void handle(RecordedEvent event) {
        RecordedThread thread = Fields.getThread(event, "eventThread");
        long id = Fields.threadId(thread);
        long duration = Fields.nanos(event.getDuration());
        alsoSeen(event, thread, id, duration);
        if (!c.threads.contains(id)) {
            return;
        }
        long start = Fields.epochNanos(event.getStartTime());
        long end = start + duration;
        String[] subject = new String[1];
        c.threads.forEach(id, start, end, w -> {
            if (subject[0] == null) {
                subject[0] = subject(event);
            }
            w.causes.blocked(kind, subject[0], w.overlap(start, end));
        });
    }

    /** Returns what the event was about: a class, a socket, a file; {@code ""} if nothing. */
    abstract String subject(RecordedEvent event);

    /** Called for every event of the type, windows or not. */
    void alsoSeen(RecordedEvent event, RecordedThread thread, long threadId, long durationNanos) {
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
