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

    /**
     * Whether the agent was attached to a running JVM: pools created before it have no creation site,
     * so the first submission seen after the attach names them.
     */
    private static volatile boolean late;

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
        if (late) {
            rememberSubmissionSite(pool);
        }
        PoolWorkers.submitted(pool, task);
    }

    /** The agent is attached to a running JVM: pools it has not seen yet are named where they are submitted to. */
    public static void attachedLate() {
        late = true;
    }

    /**
     * For a pool created before the attach, with the JDK's default thread names and not seen yet: the place in
     * the application that submits to it ({@code OrderService.handle:57}) stands in for its creation site.
     */
    private static void rememberSubmissionSite(Object pool) {
        try {
            if (pool instanceof ThreadPoolExecutor tpe && !PoolWorkers.known(pool) && SITES.get(pool) == null
                    && !pool.getClass().getName().startsWith("dev.taskflight.") && isJdkFactory(tpe.getThreadFactory())) {
                Optional<String> site = PoolNames.creationSite(pool.getClass()); // the first frame outside the JDK
                site.ifPresent(s -> SITES.computeIfAbsent(pool, p -> s));
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
     * @return the worker's state, or {@code null}
     */
    public static AgentWorker workerStart(Object pool, Object worker) {
        try {
            AgentWorker w = PoolWorkers.worker(pool, model(pool));
            if (w != null) {
                w.enteredInstrumentedLoop();
            }
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
            if (w != null && late && !w.inInstrumentedLoop()) {
                return null; // a worker running at the attach: counted by beforeExecute/afterExecute
            }
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

    /**
     * After an attach, a worker that was already running starts a task. Its loop runs the old code of
     * {@code runWorker}, which calls the old {@code getTask}, but {@code beforeExecute} is a virtual call that
     * reaches the instrumented code: such a worker's tasks are counted from here, and the time between two of
     * them is one park.
     *
     * @param pool the worker's pool
     * @param task the task
     */
    public static void beforeExecute(Object pool, Object task) {
        if (!late) {
            return;
        }
        try {
            AgentWorker w = PoolWorkers.worker(pool, model(pool));
            if (w != null && !w.inInstrumentedLoop()) {
                w.taskStart(task);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * After an attach, a worker that was already running ended a task, normally or not.
     *
     * @param pool the worker's pool
     */
    public static void afterExecute(Object pool) {
        if (!late) {
            return;
        }
        try {
            AgentWorker w = PoolWorkers.current();
            if (w != null && w.pool() == pool && !w.inInstrumentedLoop()) {
                w.taskEnd();
                w.idleStart(); // until its next task: its wait inside the old getTask cannot be seen
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
