package dev.taskflight.agent.internal.pool;

import dev.taskflight.agent.internal.TaskClasses;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SampledSubmissions;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;

/**
 * The agent's state for one worker thread of one pool: its probes, and whether it is in a poll or
 * idle. The one door a scheduler adapter's hooks go through per task: {@link #taskStart} and
 * {@link #taskEnd} around a task run, {@link #idleStart} and {@link #idleEnd} around a wait for work.
 * Used on the worker's own thread only; takes no lock and allocates nothing.
 */
public final class AgentWorker {

    final Object pool;
    private final PoolProbe poolProbe;
    private final WorkerProbe probe;
    private int depth;
    private boolean idle;
    /**
     * What an adapter remembers of its pool's work queue, which never changes: 0 until it has looked.
     * The worker's own thread only.
     */
    public int queueMemo;
    /** Whether the thread runs the instrumented worker loop: it started after the agent was installed. */
    private boolean instrumentedLoop;

    AgentWorker(Object pool, PoolProbe poolProbe, WorkerProbe probe) {
        this.pool = pool;
        this.poolProbe = poolProbe;
        this.probe = probe;
    }

    /**
     * A task starts running on this worker: a poll starts, with the task's scheduling delay if its
     * submission was sampled (or, for a scheduled task, from its due time). A task started inside
     * another is part of the outer poll.
     *
     * @param task the task as the pool runs it (its wrappers are opened to name it), or {@code null}
     */
    public void taskStart(Object task) {
        long due = TaskClasses.dueTime(task);
        taskStart(task, due != WorkerProbe.NO_SUBMIT_TIME ? SubmitStamps.sample(due) : SampledSubmissions.take(task));
    }

    /**
     * A task starts running on this worker, with a known submit time.
     *
     * @param task the task, or {@code null}
     * @param submitNanoTime {@link System#nanoTime()} at its submission, or {@link WorkerProbe#NO_SUBMIT_TIME}
     */
    public void taskStart(Object task, long submitNanoTime) {
        idleEnd();
        depth++;
        probe.pollStart(submitNanoTime, task);
    }

    /** @return the pool this worker belongs to */
    public Object pool() {
        return pool;
    }

    /** The thread entered the instrumented worker loop: it started after the agent was installed. */
    public void enteredInstrumentedLoop() {
        instrumentedLoop = true;
    }

    /**
     * Returns whether the thread runs the instrumented worker loop. A worker already running when the agent
     * was attached keeps running the loop's old code, which calls the old code of the loop's private methods.
     *
     * @return {@code true} if the thread started its loop after the agent was installed
     */
    public boolean inInstrumentedLoop() {
        return instrumentedLoop;
    }

    /** The task started last has ended, normally or not; does nothing if no task runs. */
    public void taskEnd() {
        if (depth > 0) {
            depth--;
            probe.pollEnd();
        }
    }

    /** The worker starts waiting for work; ends a poll still open. */
    public void idleStart() {
        while (depth > 0) {
            taskEnd();
        }
        if (!idle) {
            idle = true;
            probe.parkStart();
        }
    }

    /** The worker has work again, or exits; does nothing if it was not waiting. */
    public void idleEnd() {
        if (idle) {
            idle = false;
            probe.parkEnd();
        }
    }

    /** @return whether a task runs on this worker */
    public boolean polling() {
        return depth > 0;
    }

    /** @return whether this worker waits for work */
    public boolean idle() {
        return idle;
    }

    /** @return the recorder's probe of this worker, not {@code null} */
    public WorkerProbe probe() {
        return probe;
    }

    /** @return the recorder's probe of this worker's pool, not {@code null} */
    public PoolProbe poolProbe() {
        return poolProbe;
    }

    /** Ends what is open and frees the worker's index: its thread exits. */
    void exit() {
        while (depth > 0) {
            taskEnd();
        }
        idleEnd();
        poolProbe.detachWorker(probe);
    }
}
