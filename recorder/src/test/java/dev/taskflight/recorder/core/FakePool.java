package dev.taskflight.recorder.core;

import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;

/** A pool probe without a pool behind it: workers are attached by hand, three tasks always queued. */
final class FakePool extends PoolProbe {

    boolean terminated;

    FakePool(String name) {
        super(name, "ThreadPoolExecutor", "library");
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public long queuedTasks() {
        return 3;
    }

    @Override
    protected void fill(QueueSampleEvent event) {
    }

    @Override
    protected void fill(PoolInfoEvent event) {
    }
}
