package dev.taskflight.agent.internal.pool;

import dev.taskflight.agent.internal.PoolNames;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import java.util.Optional;

/**
 * What one scheduler family tells the worker runtime about one of its pools: the name to ask for,
 * and the probe that reads the pool's state for the periodic samples. Called once per pool, when its
 * first worker is seen, on that worker's thread, never on a task's path.
 */
public interface PoolModel {

    /**
     * Returns the name to report the pool under. By default the name its threads share without their
     * number ({@code http-nio-8080-exec-3} gives {@code http-nio-8080-exec}), or the thread's name
     * without its trailing digits if that says nothing stable.
     *
     * @param pool the pool object, not {@code null}
     * @param firstWorker the thread of the pool's first worker seen, not {@code null}
     * @return the requested name (the registry makes it unique), not {@code null}
     */
    default String name(Object pool, Thread firstWorker) {
        Optional<String> shared = PoolNames.fromThreadName(firstWorker.getName()); // no lambda: a first worker's thread
        return shared.isPresent() ? shared.get() : firstWorker.getName().replaceAll("[-_]?\\d+$", "");
    }

    /**
     * Creates the probe that reports the pool: its kind, queue depth and configuration.
     *
     * @param pool the pool object, not {@code null}
     * @param name the requested name
     * @return the probe, not registered yet, not {@code null}
     */
    PoolProbe probe(Object pool, String name);

    /**
     * Registers a probe this model created, once it is published to the pool's workers. By default
     * every probe is a pool of its own; a model whose pools span several pool objects (a family of
     * executors) registers its shared probe only once.
     *
     * @param probe a probe from {@link #probe}, not {@code null}
     */
    default void register(PoolProbe probe) {
        PoolRegistry.register(probe);
    }
}
