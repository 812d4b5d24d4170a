package dev.taskflight.agent.internal.adapter;

import dev.taskflight.recorder.core.PoolProbe;
import java.lang.ref.WeakReference;

/**
 * A probe of a library's pool (a server's, an event loop's), which the agent cannot compile against:
 * holds the pool weakly and looks its getters up on first use, on the watchdog's or the samplers' threads,
 * never on one of the pool's workers.
 *
 * @param <G> the family's getters: handles from {@link Reflect}, looked up once per probe
 */
public abstract class LibraryPoolProbe<G> extends PoolProbe {

    private final WeakReference<Object> pool;
    private final Class<?> type;
    private volatile G getters;

    /**
     * Creates the probe of a library pool.
     *
     * @param name the requested name
     * @param kind one of {@code dev.taskflight.events.PoolKinds}
     * @param instrumentation one of {@code dev.taskflight.events.Instrumentation}
     * @param pool the pool object, not {@code null}
     */
    protected LibraryPoolProbe(String name, String kind, String instrumentation, Object pool) {
        super(name, kind, instrumentation, true);
        this.pool = new WeakReference<>(pool);
        this.type = pool.getClass();
    }

    /**
     * Looks the getters up from the pool's class. A method rather than a function passed to the
     * constructor: a method reference would be linked on the pool's first worker, spinning a class there.
     *
     * @param poolClass the pool object's class
     * @return the getters, not {@code null}
     */
    protected abstract G findGetters(Class<?> poolClass);

    /** @return the pool, or {@code null} once it has been collected */
    protected final Object pool() {
        return pool.get();
    }

    /** @return the getters, looked up the first time (racing samplers may both look: the same handles) */
    protected final G getters() {
        G g = getters;
        if (g == null) {
            g = findGetters(type);
            getters = g;
        }
        return g;
    }

    /** Looks the getters up, on the watchdog's thread: a worker's park reads the queue only once they are there. */
    @Override
    protected final void lookUp() {
        getters();
    }
}
