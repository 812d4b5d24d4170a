package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.PoolNames;
import dev.taskflight.agent.internal.WeakIdentityMap;
import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.agent.internal.pool.AgentWorker;
import dev.taskflight.agent.internal.pool.PoolModel;
import dev.taskflight.agent.internal.pool.PoolWorkers;
import dev.taskflight.agent.internal.tomcat.TomcatPoolProbe;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.ThreadPoolProbe;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What an instrumented thread-pool executor calls (the JDK's, or a server's copy of it): a worker
 * starts ({@code runWorker}), asks for its next task ({@code getTask}), and exits. A poll is the time
 * from getting a task to asking for the next one (or exiting); a park is the wait inside
 * {@code getTask} when the queue was empty. Every method swallows its own failures.
 */
public final class TpeHooks {

    /** Queues whose {@code isEmpty} is cheap and tells that a worker about to take will wait. */
    private static final Set<String> CHEAP_EMPTY_CHECK = Set.of(
            "java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.ArrayBlockingQueue",
            "java.util.concurrent.SynchronousQueue",
            "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.PriorityBlockingQueue",
            "org.apache.tomcat.util.threads.TaskQueue");

    private static final WeakIdentityMap<Object, String> SITES = new WeakIdentityMap<>();
    private static final ClassValue<VarHandle> FIRST_TASK = new ClassValue<>() {
        @Override
        protected VarHandle computeValue(Class<?> workerClass) {
            return Reflect.field(workerClass, "firstTask");
        }
    };

    /**
     * The JDK's pools: named by their threads, else where the application created them; an executor
     * of a family (a Reactor scheduler's) is a worker of the family's one pool.
     */
    private static final PoolModel JDK = new PoolModel() {
        @Override
        public String name(Object pool, Thread firstWorker) {
            if (family(pool) instanceof ExecutorFamilyProbe family) {
                return family.name();
            }
            String site = SITES.get(pool);
            SITES.remove(pool);
            return PoolNames.fromThreadName(firstWorker.getName())
                    .orElseGet(() -> site != null ? site : PoolModel.super.name(pool, firstWorker));
        }

        @Override
        public PoolProbe probe(Object pool, String name) {
            return family(pool) instanceof ExecutorFamilyProbe family ? family
                    : new ThreadPoolProbe(name, (ThreadPoolExecutor) pool, Instrumentation.AGENT);
        }

        @Override
        public void register(PoolProbe probe) {
            if (!(probe instanceof ExecutorFamilyProbe family) || family.firstWorker()) {
                PoolRegistry.register(probe);
            }
        }

        private Object family(Object pool) {
            return ExecutorFamilies.family((ThreadPoolExecutor) pool, PoolWorkers.options());
        }
    };

    /** Tomcat's copy of the class: named by its threads ({@code http-nio-8080-exec}). */
    private static final PoolModel TOMCAT = TomcatPoolProbe::new;

    private TpeHooks() {
    }

    /**
     * A JDK pool was constructed: remembers where, if its threads will have the JDK's default names.
     *
     * @param pool the new pool
     */
    public static void created(Object pool) {
        try {
            if (pool instanceof ThreadPoolExecutor tpe) {
                ExecutorFamilies.constructed(tpe, PoolWorkers.options());
            }
            if (pool instanceof ThreadPoolExecutor tpe && !pool.getClass().getName().startsWith("dev.taskflight.")
                    && isJdkFactory(tpe.getThreadFactory())) {
                Optional<String> site = PoolNames.creationSite(pool.getClass());
                site.ifPresent(s -> SITES.computeIfAbsent(pool, p -> s));
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A task is submitted: sampled for its scheduling delay.
     *
     * @param pool the pool
     * @param task the task, as a worker will get it
     */
    public static void submitted(Object pool, Object task) {
        PoolWorkers.submitted(pool, task);
    }

    /**
     * A worker thread starts running; its first task, if any, starts a poll.
     *
     * @param pool the worker's pool
     * @param worker the pool's {@code Worker} object
     * @return the worker's state, or {@code null}
     */
    public static AgentWorker workerStart(Object pool, Object worker) {
        try {
            AgentWorker w = PoolWorkers.worker(pool, model(pool));
            VarHandle first = FIRST_TASK.get(worker.getClass());
            if (w != null && first != null) {
                Object task = first.get(worker);
                if (task != null) {
                    w.taskStart(task);
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
     * @param state what {@link #workerStart} returned
     */
    public static void workerExit(Object state) {
        PoolWorkers.exit(state instanceof AgentWorker w ? w : PoolWorkers.current());
    }

    /**
     * A worker asks for its next task: ends its poll, and parks if it will wait.
     *
     * @param pool the worker's pool
     * @param queue the pool's work queue
     * @return the worker's state, or {@code null} if not instrumented
     */
    public static AgentWorker beforeGetTask(Object pool, Object queue) {
        try {
            AgentWorker w = PoolWorkers.worker(pool, model(pool)); // attaches a worker that started before the agent
            if (w != null) {
                w.taskEnd();
                if (willWait(queue)) {
                    w.idleStart();
                }
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
     * @param state what {@link #beforeGetTask} returned
     * @param task the task, or {@code null}
     */
    public static void afterGetTask(Object state, Object task) {
        try {
            if (state instanceof AgentWorker w) {
                w.idleEnd();
                if (task != null) {
                    w.taskStart(task);
                }
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    private static PoolModel model(Object pool) {
        return pool instanceof ThreadPoolExecutor ? JDK : TOMCAT;
    }

    private static boolean willWait(Object queue) {
        return !(queue instanceof BlockingQueue<?> q) || !CHEAP_EMPTY_CHECK.contains(q.getClass().getName()) || q.isEmpty();
    }

    private static boolean isJdkFactory(ThreadFactory factory) {
        return factory != null && factory.getClass().getName().startsWith("java.util.concurrent.Executors$");
    }
}
