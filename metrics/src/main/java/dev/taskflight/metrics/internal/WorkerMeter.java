package dev.taskflight.metrics.internal;

import dev.taskflight.metrics.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** One worker's busy ratio in the last interval, published on request (per-worker cardinality). */
public final class WorkerMeter {

    private final Tags tags;
    private volatile double busyRatio = Double.NaN;

    /**
     * Creates a worker's meter.
     *
     * @param pool the pool's tags
     * @param worker the worker's index
     */
    public WorkerMeter(Tags pool, int worker) {
        this.tags = pool.and(MeterNames.WORKER, Integer.toString(worker));
    }

    /** Sets the worker's busy ratio of the last interval, -1 when unknown. */
    public void set(double ratio) {
        busyRatio = ratio < 0 ? Double.NaN : ratio;
    }

    /** Registers the meter with a registry; registering twice is harmless. */
    public void register(MeterRegistry r) {
        Gauge.builder(MeterNames.WORKER_BUSY_RATIO, this, w -> w.busyRatio)
                .description("One worker's busy time over busy plus idle time in the last interval").tags(tags)
                .strongReference(true).register(r);
    }
}
