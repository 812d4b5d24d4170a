package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.agent.internal.PoolNames;
import dev.taskflight.agent.internal.WeakIdentityMap;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.SampledSubmissions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What the instrumented {@code ThreadPoolExecutor} calls: a worker starts ({@code runWorker}), asks
 * for its next task ({@code getTask}), and exits. A poll is the time from getting a task to asking
 * for the next one (or exiting); a park is the wait inside {@code getTask} when the queue was
 * empty. Every method swallows its own failures.
 */
public final class TpeHooks {

    private static final ThreadLocal<TpeWorker> CURRENT = new ThreadLocal<>();
    /** The state of a worker whose pool is excluded or not instrumented. */
    private static final TpeWorker NONE = new TpeWorker(null, null);
    private static final Object EXCLUDED = new Object();
    private static final WeakIdentityMap<ThreadPoolExecutor, Object> PROBES = new WeakIdentityMap<>();
    private static final WeakIdentityMap<ThreadPoolExecutor, String> SITES = new WeakIdentityMap<>();
    private static final VarHandle FIRST_TASK = firstTaskHandle();

    private static volatile AgentOptions options = AgentOptions.DEFAULTS;

    private TpeHooks() {
    }

    /** @param agentOptions the options that decide which pools are instrumented */
    public static void configure(AgentOptions agentOptions) {
        options = agentOptions;
    }

    /**
     * A pool was constructed: remembers where, if its threads will have the JDK's default names.
     *
     * @param pool the new pool
     */
    public static void created(ThreadPoolExecutor pool) {
        try {
            ExecutorFamilies.constructed(pool, options);
            if (!isLibraryPool(pool) && isJdkFactory(pool.getThreadFactory())) {
                Optional<String> site = PoolNames.creationSite(pool.getClass());
                site.ifPresent(s -> SITES.computeIfAbsent(pool, p -> s));
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A task is submitted: while a recording runs, one in {@code SubmitStamps.interval()} has its
     * submit time remembered, if its pool is recorded, for the worker that will run it.
     *
     * @param pool the pool
     * @param task the task, as a worker will get it
     */
    public static void submitted(ThreadPoolExecutor pool, Runnable task) {
        try {
            if (task != null && SampledSubmissions.sample() && PROBES.get(pool) instanceof PoolProbe) {
                SampledSubmissions.remember(task, System.nanoTime());
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A worker thread starts running; its first task, if any, starts a poll.
     *
     * @param pool the worker's pool
     * @param worker the pool's {@code Worker} object
     * @param queue the pool's work queue
     * @return the worker's state, or {@code null}
     */
    public static TpeWorker workerStart(ThreadPoolExecutor pool, Object worker, BlockingQueue<?> queue) {
        try {
            TpeWorker w = attach(pool, queue);
            if (w != NONE && FIRST_TASK != null) {
                Runnable first = (Runnable) FIRST_TASK.get(worker);
                if (first != null) {
                    w.startPoll(first);
                }
            }
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A worker thread exits, normally or because its task threw.
     *
     * @param w the state returned by {@link #workerStart}
     */
    public static void workerExit(TpeWorker w) {
        try {
            CURRENT.remove();
            if (w != null && w != NONE) {
                w.unpark();
                w.endPoll();
                w.pool.detachWorker(w.probe);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A worker asks for its next task: ends its poll, and parks if it will wait.
     *
     * @param pool the worker's pool
     * @param queue the pool's work queue
     * @return the worker's state, or {@code null} if not instrumented
     */
    public static TpeWorker beforeGetTask(ThreadPoolExecutor pool, BlockingQueue<?> queue) {
        try {
            TpeWorker w = CURRENT.get();
            if (w == null) {
                w = attach(pool, queue); // a worker that started before the agent was attached
            }
            if (w == NONE) {
                return null;
            }
            w.endPoll();
            if (w.willWait(queue)) {
                w.park();
            }
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A worker got its next task, or none (it will exit).
     *
     * @param w the state returned by {@link #beforeGetTask}
     * @param task the task, or {@code null}
     */
    public static void afterGetTask(TpeWorker w, Runnable task) {
        try {
            if (w != null) {
                w.unpark();
                if (task != null) {
                    w.startPoll(task);
                }
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    private static TpeWorker attach(ThreadPoolExecutor pool, BlockingQueue<?> queue) {
        Thread thread = Thread.currentThread();
        Object probe = PROBES.computeIfAbsent(pool, p -> newProbe(p, thread, queue));
        TpeWorker w = probe instanceof PoolProbe p ? new TpeWorker(p, p.attachWorker(thread)) : NONE;
        CURRENT.set(w);
        return w;
    }

    private static Object newProbe(ThreadPoolExecutor pool, Thread firstWorker, BlockingQueue<?> queue) {
        if (isLibraryPool(pool)) {
            return EXCLUDED; // the library instruments it already
        }
        Object family = ExecutorFamilies.join(pool, options);
        if (family != null) {
            return family == ExecutorFamilies.EXCLUDED ? EXCLUDED : family;
        }
        String name = PoolNames.fromThreadName(firstWorker.getName())
                .orElseGet(() -> {
                    String site = SITES.get(pool);
                    return site != null ? site : firstWorker.getName().replaceAll("[-_]?\\d+$", "");
                });
        if (!options.accepts(name)) {
            return EXCLUDED;
        }
        SITES.remove(pool);
        return PoolRegistry.register(new AgentThreadPoolProbe(name, pool, queue));
    }

    private static boolean isLibraryPool(Object pool) {
        return pool.getClass().getName().startsWith("dev.taskflight.");
    }

    private static boolean isJdkFactory(ThreadFactory factory) {
        return factory != null && factory.getClass().getName().startsWith("java.util.concurrent.Executors$");
    }

    private static VarHandle firstTaskHandle() {
        try {
            Class<?> worker = Class.forName("java.util.concurrent.ThreadPoolExecutor$Worker");
            return MethodHandles.privateLookupIn(worker, MethodHandles.lookup())
                    .findVarHandle(worker, "firstTask", Runnable.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn("cannot read a new ThreadPoolExecutor worker's first task; first tasks are not"
                    + " reported as polls: " + e);
            return null;
        }
    }
}
