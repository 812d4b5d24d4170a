package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Wraps a pool's thread factory so that each worker thread attaches a {@link WorkerProbe} when it
 * starts and detaches it when it exits. The threads themselves are the delegate's, unchanged.
 */
public final class ProbingThreadFactory implements ThreadFactory {

    private final ThreadFactory delegate;
    private final ProbeRef probe;
    private final boolean gapParks;

    /**
     * Creates the factory.
     *
     * @param delegate the application's thread factory, not {@code null}
     * @param probe the pool's probe, set once the pool exists
     * @param gapParks whether idle periods are measured as gaps between polls (for pools whose
     *        waits for work cannot be seen directly)
     */
    public ProbingThreadFactory(ThreadFactory delegate, ProbeRef probe, boolean gapParks) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.probe = probe;
        this.gapParks = gapParks;
    }

    /** @return the application's thread factory */
    public ThreadFactory delegate() {
        return delegate;
    }

    /**
     * Returns a factory that probes the same pool's threads made by another delegate.
     *
     * @param newDelegate the new application thread factory, not {@code null}
     * @return the new factory, not {@code null}
     */
    public ProbingThreadFactory withDelegate(ThreadFactory newDelegate) {
        return new ProbingThreadFactory(newDelegate, probe, gapParks);
    }

    @Override
    public Thread newThread(Runnable worker) {
        return delegate.newThread(() -> runAttached(worker));
    }

    private void runAttached(Runnable worker) {
        PoolProbe pool = probe.get();
        if (pool == null) {
            worker.run();
            return;
        }
        WorkerProbe w = WorkerAttachment.attach(pool, gapParks);
        try {
            worker.run();
        } finally {
            WorkerAttachment.detach(w, gapParks);
        }
    }
}
