package dev.taskflight.recorder.core;

import dev.taskflight.events.poll.PollInProgressEvent;

/**
 * Writes {@code PollInProgress} for a poll the watchdog found running past the long-poll threshold,
 * with the worker's stack. Taking a stack is a handshake with the worker, so stacks are taken only
 * for such polls and at most {@link #STACKS_PER_SECOND} a second for first reports, and as many more
 * for the reports of polls still running when their running time doubled: many polls just over the
 * threshold (a busy machine) cannot use up the stacks of the few that stay stuck. A report of a poll
 * that has run for {@link #STUCK_NANOS} or more, first or later, takes its stack from a third budget of
 * the same size: when a starved watchdog first sees a stuck poll seconds late, the polls just over the
 * threshold that a busy machine makes in the same second cannot have taken them all. Beyond that the
 * event has no stack, and the watchdog tries again for that poll every {@link #RETRY_NANOS} while it
 * runs, writing one more event only once it has the stack (a budget spent, or a thread whose stack the
 * JVM could not walk at that moment).
 */
final class StallReporter {

    static final int STACKS_PER_SECOND = 10;
    /** The running time from which a poll's reports take their stacks from a budget of their own. */
    static final long STUCK_NANOS = 1_000_000_000L;
    /** How long the watchdog waits before it tries again for the stack of a poll reported without one. */
    static final long RETRY_NANOS = 100_000_000L;
    private static final int MAX_FRAMES = 64;

    private long windowStart;
    private int firstStacksInWindow;
    private int laterStacksInWindow;
    private int stuckStacksInWindow;

    /**
     * Reports a poll, if it is still the same one once the stack is taken.
     *
     * @param w the worker
     * @param seq the poll's sequence number
     * @param running how long it has been running, at most
     * @param first whether this is the poll's first report (at the threshold)
     * @param now the watchdog's time
     * @param onlyWithStack whether to write nothing unless the stack is taken (a retry for the stack)
     * @return whether the poll is still running and its stack is still owed: no event of it has one
     */
    boolean report(WorkerProbe w, long seq, long running, boolean first, long now, boolean onlyWithStack) {
        PollInProgressEvent event = new PollInProgressEvent();
        if (!event.shouldCommit()) {
            return false;
        }
        Object task = w.currentTask();
        Thread virtualThread = w.currentVirtualThread();
        String stack = stackAllowed(first, running, now) ? stackOf(virtualThread != null ? virtualThread : w.thread()) : "";
        if (w.sequence() != seq) {
            return false; // it ended meanwhile: its TaskPoll says the rest
        }
        if (stack.isEmpty() && onlyWithStack) {
            return true;
        }
        event.pool = w.pool().name();
        event.worker = w.index();
        event.workerThread = w.thread();
        event.taskClass = TaskNames.classOf(task);
        event.taskName = TaskNames.nameOf(event.taskClass);
        event.runningTime = running;
        event.virtualThread = virtualThread;
        event.stack = stack;
        event.commit();
        return stack.isEmpty();
    }

    private boolean stackAllowed(boolean first, long running, long now) {
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            firstStacksInWindow = 0;
            laterStacksInWindow = 0;
            stuckStacksInWindow = 0;
        }
        if (running >= STUCK_NANOS) {
            return stuckStacksInWindow++ < STACKS_PER_SECOND;
        }
        return first ? firstStacksInWindow++ < STACKS_PER_SECOND : laterStacksInWindow++ < STACKS_PER_SECOND;
    }

    private static String stackOf(Thread thread) {
        StackTraceElement[] frames = thread.getStackTrace();
        StringBuilder sb = new StringBuilder(frames.length * 60);
        for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(frames[i]);
        }
        if (frames.length > MAX_FRAMES) {
            sb.append("\n... ").append(frames.length - MAX_FRAMES).append(" more");
        }
        return sb.toString();
    }
}
