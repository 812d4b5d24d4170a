package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.agent.internal.TaskClasses;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SampledSubmissions;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.concurrent.BlockingQueue;

/**
 * The agent's state for one {@code ThreadPoolExecutor} worker thread: its probe, whether it is in a
 * poll or parked, and the class of the task it runs. Used on the worker thread only.
 */
public final class TpeWorker {

    final PoolProbe pool;
    final WorkerProbe probe;
    private final boolean parksOnlyWhenEmpty;
    private boolean polling;
    private boolean parked;

    TpeWorker(PoolProbe pool, WorkerProbe probe) {
        this.pool = pool;
        this.probe = probe;
        this.parksOnlyWhenEmpty = pool instanceof AgentThreadPoolProbe p && p.parksOnlyWhenEmpty();
    }

    /**
     * @param queue the pool's work queue
     * @return whether this worker, about to take from the queue, will wait
     */
    boolean willWait(BlockingQueue<?> queue) {
        return !parksOnlyWhenEmpty || queue.isEmpty();
    }

    void startPoll(Runnable task) {
        polling = true;
        long due = TaskClasses.dueTime(task);
        long submitted = due != WorkerProbe.NO_SUBMIT_TIME ? SubmitStamps.sample(due) : SampledSubmissions.take(task);
        probe.pollStart(submitted, false, null, task);
    }

    void endPoll() {
        if (polling) {
            polling = false;
            probe.pollEnd();
        }
    }

    void park() {
        parked = true;
        probe.parkStart();
    }

    void unpark() {
        if (parked) {
            parked = false;
            probe.parkEnd();
        }
    }
}
