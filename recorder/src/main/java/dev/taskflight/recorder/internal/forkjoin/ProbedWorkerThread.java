package dev.taskflight.recorder.internal.forkjoin;

import dev.taskflight.recorder.internal.core.PoolProbe;
import dev.taskflight.recorder.internal.core.WorkerProbe;
import dev.taskflight.recorder.internal.worker.ProbeRef;
import dev.taskflight.recorder.internal.worker.WorkerAttachment;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** A library {@code ForkJoinPool}'s worker: it attaches a probe when it starts and detaches it at exit. */
public final class ProbedWorkerThread extends ForkJoinWorkerThread {

    private final ProbeRef probe;
    private WorkerProbe worker;

    /**
     * Creates a worker.
     *
     * @param pool the pool the worker belongs to
     * @param probe the pool's probe
     */
    public ProbedWorkerThread(ForkJoinPool pool, ProbeRef probe) {
        super(pool);
        this.probe = probe;
    }

    @Override
    protected void onStart() {
        super.onStart();
        PoolProbe pool = probe.get();
        if (pool != null) {
            worker = WorkerAttachment.attach(pool, true);
        }
    }

    @Override
    protected void onTermination(Throwable exception) {
        try {
            if (worker != null) {
                WorkerAttachment.detach(worker, true);
            }
        } finally {
            super.onTermination(exception);
        }
    }
}
