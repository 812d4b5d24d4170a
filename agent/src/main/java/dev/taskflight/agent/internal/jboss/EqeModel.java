package dev.taskflight.agent.internal.jboss;

import dev.taskflight.agent.internal.pool.PoolModel;
import dev.taskflight.recorder.core.PoolProbe;

/** How an {@code EnhancedQueueExecutor} is named (after its threads) and read (its public API). */
final class EqeModel implements PoolModel {

    static final EqeModel INSTANCE = new EqeModel();

    private EqeModel() {
    }

    @Override
    public PoolProbe probe(Object pool, String name) {
        return new EqeProbe(pool, name);
    }
}
