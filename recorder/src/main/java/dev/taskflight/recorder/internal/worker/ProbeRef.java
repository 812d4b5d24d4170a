package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;

/**
 * The probe of a pool under construction: thread factories and queues are created before the pool
 * (and so before its probe), and read the probe once the pool's constructor has set it.
 */
public final class ProbeRef {

    private volatile PoolProbe probe;

    /** @param probe the pool's registered probe, not {@code null} */
    public void set(PoolProbe probe) {
        this.probe = probe;
    }

    /** @return the pool's probe, or {@code null} while the pool is being constructed */
    public PoolProbe get() {
        return probe;
    }
}
