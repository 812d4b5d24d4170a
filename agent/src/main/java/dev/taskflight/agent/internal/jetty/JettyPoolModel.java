package dev.taskflight.agent.internal.jetty;

import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.agent.internal.pool.PoolModel;
import dev.taskflight.recorder.core.PoolProbe;

/** Names a {@code QueuedThreadPool} by its {@code getName()} ({@code qtp<hash>} unless set) and probes it. */
final class JettyPoolModel implements PoolModel {

    static final JettyPoolModel INSTANCE = new JettyPoolModel();

    private JettyPoolModel() {
    }

    @Override
    public String name(Object pool, Thread firstWorker) {
        Object name = Reflect.call(Reflect.method(pool.getClass(), "getName"), pool);
        return name instanceof String s && !s.isBlank() ? s : PoolModel.super.name(pool, firstWorker);
    }

    @Override
    public PoolProbe probe(Object pool, String name) {
        return new JettyPoolProbe(pool, name);
    }
}
