package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.agent.internal.AgentFamilies;
import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.agent.internal.WeakIdentityMap;
import dev.taskflight.events.PoolKinds;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Families of single-thread executors that one scheduler creates and the application treats as one
 * pool: each executor joins the pool of the scheduler that made it, found by the thread factory the
 * scheduler gives all of them, instead of being a pool of its own. Project Reactor's schedulers
 * ({@code Schedulers.parallel()}, {@code boundedElastic()}, {@code single()}, {@code newParallel},
 * {@code newBoundedElastic}, ...) each give their executors one {@code ReactorThreadFactory} that
 * carries the scheduler's name: {@code parallel} is one pool of N workers, not N pools of one.
 */
public final class ExecutorFamilies {

    /** Reactor's family name, in {@code AgentInfo}. */
    public static final String REACTOR = "reactor";

    /** The family of an excluded scheduler. */
    static final Object EXCLUDED = new Object();

    private static final String REACTOR_THREAD_FACTORY = "reactor.core.scheduler.ReactorThreadFactory";
    private static final WeakIdentityMap<ThreadFactory, Object> FAMILIES = new WeakIdentityMap<>();

    private ExecutorFamilies() {
    }

    /**
     * Adds a new executor to its family, if it belongs to one: called when it is constructed, so that
     * a scheduler that creates all its executors at once ({@code parallel}) is a pool of all of them
     * from its first event.
     *
     * @param pool the executor
     * @param options which pools to record
     */
    static void constructed(ThreadPoolExecutor pool, AgentOptions options) {
        family(pool, options);
    }

    /**
     * Returns the family an executor belongs to, adding the executor to it.
     *
     * @param pool the executor
     * @param options which pools to record
     * @return the family's probe, {@link #EXCLUDED}, or {@code null} if the executor is in no family
     */
    static Object family(ThreadPoolExecutor pool, AgentOptions options) {
        ThreadFactory factory = pool.getThreadFactory();
        if (factory == null || !factory.getClass().getName().equals(REACTOR_THREAD_FACTORY)
                || !(factory instanceof Supplier<?> named)) {
            return null;
        }
        Object family = FAMILIES.computeIfAbsent(factory, new NewFamily(named, options));
        if (family instanceof ExecutorFamilyProbe probe) {
            probe.join(pool);
        }
        return family;
    }

    /**
     * Makes a family's probe, or {@link #EXCLUDED}. A class rather than a lambda: it runs on the
     * application's thread that constructs the family's first executor.
     */
    static final class NewFamily implements Function<ThreadFactory, Object> {
        private final Supplier<?> named;
        private final AgentOptions options;

        NewFamily(Supplier<?> named, AgentOptions options) {
            this.named = named;
            this.options = options;
        }

        @Override
        public Object apply(ThreadFactory factory) {
            String name = String.valueOf(named.get());
            AgentFamilies.hooked(REACTOR);
            return options.accepts(name) ? new ExecutorFamilyProbe(name, PoolKinds.REACTOR_SCHEDULER, factory)
                    : EXCLUDED;
        }
    }
}
