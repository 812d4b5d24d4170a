package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A library {@code ForkJoinPool}'s worker: it attaches a probe when it starts and detaches it at
 * exit, and carries the probe itself, so that the pool's tasks find it with a type check and a field
 * read (no thread-local).
 */
public final class ProbedWorkerThread extends ForkJoinWorkerThread {

    private final ProbeRef pool;
    private WorkerProbe worker; // written and read on this thread only

    /**
     * Creates a worker.
     *
     * @param pool the pool the worker belongs to
     * @param probe the pool's probe
     */
    public ProbedWorkerThread(ForkJoinPool pool, ProbeRef probe) {
        super(pool);
        this.pool = probe;
    }

    /**
     * Returns the probe of the current thread if it is a library {@code ForkJoinPool} worker.
     *
     * @return the worker's probe, or {@code null} if the current thread is not such a worker (or
     *         has not started yet)
     */
    public static WorkerProbe current() {
        return Thread.currentThread() instanceof ProbedWorkerThread p ? p.worker : null;
    }

    /** @return this worker's probe, or {@code null} before it started; on this thread only */
    WorkerProbe worker() {
        return worker;
    }

    @Override
    protected void onStart() {
        super.onStart();
        PoolProbe probe = pool.get();
        if (probe != null) {
            worker = WorkerAttachment.attachProbed(probe);
        }
    }

    @Override
    protected void onTermination(Throwable exception) {
        try {
            if (worker != null) {
                WorkerProbe w = worker;
                worker = null;
                WorkerAttachment.detach(w, true);
            }
        } finally {
            super.onTermination(exception);
        }
    }
}
