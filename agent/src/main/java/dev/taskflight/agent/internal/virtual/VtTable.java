package dev.taskflight.agent.internal.virtual;

import dev.taskflight.recorder.core.WorkerProbe;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-virtual-thread facts the agent cannot store in {@code java.lang.VirtualThread} itself (the
 * class is loaded before any agent runs, so no field can be added): the class of its task and the
 * time of its last submission to the scheduler. A fixed table indexed by thread id: no map, no lock,
 * one small allocation per virtual thread created and none per submit or mount. When more virtual
 * threads are alive than the table has slots, the older ones lose their entry and report an unknown
 * delay and their own class instead.
 */
final class VtTable {

    private static final int SIZE = 1 << 14;

    /** One virtual thread's facts. */
    static final class Info {
        final long threadId;
        final Class<?> taskClass;
        long submitNanos = WorkerProbe.NO_SUBMIT_TIME; // written by the submitter, read after the hand-off

        Info(long threadId, Class<?> taskClass) {
            this.threadId = threadId;
            this.taskClass = taskClass;
        }
    }

    private static final AtomicReferenceArray<Info> TABLE = new AtomicReferenceArray<>(SIZE);

    private VtTable() {
    }

    static void created(long threadId, Class<?> taskClass) {
        TABLE.set(slot(threadId), new Info(threadId, taskClass));
    }

    static Info get(long threadId) {
        Info info = TABLE.get(slot(threadId));
        return info != null && info.threadId == threadId ? info : null;
    }

    private static int slot(long threadId) {
        return (int) (threadId & (SIZE - 1));
    }
}
