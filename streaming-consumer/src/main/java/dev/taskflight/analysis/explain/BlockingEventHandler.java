package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

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
    public void handle(EventView event) {
        long id = event.threadId(FieldNames.EVENT_THREAD);
        long duration = event.durationNanos();
        alsoSeen(event, id, duration);
        if (!c.threads.contains(id)) {
            return;
        }
        long start = event.startNanos();
        long end = start + duration;
        Frames.Site[] subject = new Frames.Site[1];
        c.threads.forEach(id, start, end, w -> {
            if (subject[0] == null) {
                subject[0] = subject(event);
            }
            w.blocked(kind, subject[0].frame(), subject[0].caller(), w.overlap(start, end));
        });
    }

    /**
     * Returns what the event was about, as a subject and a caller: a class, a socket, a file
     * ({@code ""} caller), or a code site; {@code ""} subject if nothing.
     */
    abstract Frames.Site subject(EventView event);

    /** Called for every event of the type, windows or not. */
    void alsoSeen(EventView event, long threadId, long durationNanos) {
    }

    /** Returns a subject without a caller. */
    static Frames.Site plain(String s) {
        return new Frames.Site(s == null ? "" : s, "");
    }

    /** Returns the code site of the event's stack as the subject, or no subject without a stack. */
    static Frames.Site site(EventView event) {
        Frames.Site site = Frames.site(event);
        return site == null ? plain("") : site;
    }
}
