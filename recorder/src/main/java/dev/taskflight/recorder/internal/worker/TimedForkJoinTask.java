package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;
import dev.taskflight.recorder.internal.worker.CurrentWorker;
import dev.taskflight.recorder.internal.worker.Polls;
import dev.taskflight.recorder.internal.worker.ProbedWorkerThread;
import java.util.concurrent.ForkJoinTask;

/**
 * A {@link ForkJoinTask} submitted to a library pool, carried in the pool's queues in place of the
 * application's task: run by a worker, it runs the task (which keeps its own result or exception)
 * as one poll. The application keeps and joins its own task object.
 */
public final class TimedForkJoinTask extends ForkJoinTask<Void> {

    private static final long serialVersionUID = 1L;

    private final ForkJoinTask<?> task;
    private final transient PoolProbe pool;
    private final long submitNanoTime;
    private final int submitter;

    /**
     * Wraps a task at submission.
     *
     * @param task the application's task, not {@code null}
     * @param pool the pool's probe
     */
    public TimedForkJoinTask(ForkJoinTask<?> task, PoolProbe pool) {
        this.task = task;
        this.pool = pool;
        WorkerProbe self = ProbedWorkerThread.current();
        this.submitNanoTime = SubmitStamps.stamp(self);
        this.submitter = Polls.submitter(self, pool);
    }

    @Override
    protected boolean exec() {
        WorkerProbe w = CurrentWorker.ofForkJoin(pool);
        if (w == null) {
            task.quietlyInvoke();
            return true;
        }
        if (w.lean(submitNanoTime, submitter)) {
            w.leanPollStart(task);
            try {
                task.quietlyInvoke();
            } finally {
                w.leanPollEnd(null);
            }
            return true;
        }
        Polls.begin(w, submitNanoTime, submitter, true, task.getClass());
        try {
            task.quietlyInvoke();
        } finally {
            Polls.end(w, task.getClass(), true);
        }
        return true;
    }

    @Override
    public Void getRawResult() {
        return null;
    }

    @Override
    protected void setRawResult(Void value) {
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
