package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.agent.internal.TaskClasses;
import dev.taskflight.recorder.core.SampledSubmissions;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;

/**
 * The agent's state for one {@code ThreadPoolExecutor} worker thread: its probe, whether it is in a
 * poll or parked, and the class of the task it runs. Used on the worker thread only.
 */
public final class TpeWorker {

    final AgentThreadPoolProbe pool;
    final WorkerProbe probe;
    private boolean polling;
    private boolean parked;

    TpeWorker(AgentThreadPoolProbe pool, WorkerProbe probe) {
        this.pool = pool;
        this.probe = probe;
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
