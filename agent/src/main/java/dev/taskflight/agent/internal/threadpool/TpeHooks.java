package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.ClassMemo;
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
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What an instrumented thread-pool executor calls (the JDK's, or a server's copy of it): a worker
 * starts ({@code runWorker}), asks for its next task ({@code getTask}), and exits. A poll is the time
 * from getting a task to asking for the next one (or exiting); a park is the wait inside
 * {@code getTask} for a task the queue did not have. {@code getTask}'s call of its queue's {@code take}
 * or {@code poll(timeout, unit)} goes through {@link #take} and {@link #poll}, so that a worker is idle
 * exactly while it waits: a check of the queue before the call would race with the other workers (a
 * worker that saw a task another took then waits in {@code take}, and would count as busy until its
 * next task). Every method swallows its own failures; the queue's own exceptions pass through.
 */
public final class TpeHooks {

    /**
     * Queues whose {@code poll()} takes the head as their {@code take()} would, with no other effect: a
     * worker of such a queue first polls, and waits (a park) only if that got nothing.
     */
    private static final Set<String> POLL_FIRST_QUEUES = Set.of(
            "java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.ArrayBlockingQueue",
            "java.util.concurrent.SynchronousQueue",
            "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.PriorityBlockingQueue",
            "org.apache.tomcat.util.threads.TaskQueue");

    /** {@link #take}, which {@code getTask}'s {@code workQueue.take()} calls instead. */
    static final Method TAKE = hook("take", BlockingQueue.class);
    /** {@link #poll}, which {@code getTask}'s {@code workQueue.poll(timeout, unit)} calls instead. */
    static final Method POLL = hook("poll", BlockingQueue.class, long.class, TimeUnit.class);

    private static final ClassMemo<Boolean> POLL_FIRST =
            new ClassMemo<>(queueClass -> POLL_FIRST_QUEUES.contains(queueClass.getName()));

    private static final WeakIdentityMap<Object, String> SITES = new WeakIdentityMap<>();
    private static final ClassMemo<VarHandle> FIRST_TASK =
            new ClassMemo<>(workerClass -> Reflect.field(workerClass, "firstTask"), h -> h != null);

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
            Optional<String> shared = PoolNames.fromThreadName(firstWorker.getName()); // no lambda: a first worker
            return shared.isPresent() ? shared.get() : site != null ? site : PoolModel.super.name(pool, firstWorker);
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
                PoolNames.rememberCreationSite(SITES, pool);
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
                PoolNames.rememberCreationSite(SITES, pool);
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
                if (!pollsFirst(w, queue)) {
                    w.idleStart(); // a queue this class cannot poll first: the whole getTask is a park
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

    /**
     * {@code getTask}'s {@code workQueue.take()}: a worker of a pool whose queue can be polled first takes
     * a task the queue has without waiting, else is idle while it waits for one. Any other caller, and
     * any other queue, calls {@code take()} as the pool would.
     *
     * @param queue the pool's work queue
     * @return the task
     * @throws InterruptedException as the queue's {@code take()}
     */
    public static Object take(BlockingQueue<?> queue) throws InterruptedException {
        AgentWorker w = waiter(queue);
        if (w == null) {
            return queue.take();
        }
        Object task = queue.poll();
        if (task != null) {
            return task;
        }
        waitStart(w);
        try {
            return queue.take();
        } finally {
            waitEnd(w);
        }
    }

    /**
     * {@code getTask}'s {@code workQueue.poll(keepAliveTime, NANOSECONDS)}, as {@link #take}.
     *
     * @param queue the pool's work queue
     * @param timeout how long to wait
     * @param unit the unit of {@code timeout}
     * @return the task, or {@code null} if none came in time
     * @throws InterruptedException as the queue's {@code poll(timeout, unit)}
     */
    public static Object poll(BlockingQueue<?> queue, long timeout, TimeUnit unit) throws InterruptedException {
        AgentWorker w = waiter(queue);
        if (w == null) {
            return queue.poll(timeout, unit);
        }
        Object task = queue.poll();
        if (task != null) {
            return task;
        }
        waitStart(w);
        try {
            return queue.poll(timeout, unit);
        } finally {
            waitEnd(w);
        }
    }

    /** @return the current thread's worker if it asks a poll-first queue for its next task, else {@code null} */
    private static AgentWorker waiter(BlockingQueue<?> queue) {
        try {
            AgentWorker w = PoolWorkers.current();
            return w != null && !w.polling() && !w.idle() && (!late || w.inInstrumentedLoop()) && pollsFirst(w, queue)
                    ? w : null;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    private static void waitStart(AgentWorker w) {
        try {
            w.idleStart();
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    private static void waitEnd(AgentWorker w) {
        try {
            w.idleEnd();
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    private static Method hook(String name, Class<?>... parameters) {
        try {
            return TpeHooks.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a worker's queue is polled first, remembered by the worker: a pool's work queue never
     * changes, and this is asked twice a task.
     */
    private static boolean pollsFirst(AgentWorker w, Object queue) {
        int known = w.queueMemo;
        if (known == 0) {
            known = pollsFirst(queue) ? 1 : -1;
            w.queueMemo = known;
        }
        return known > 0;
    }

    private static boolean pollsFirst(Object queue) {
        return queue != null && POLL_FIRST.get(queue.getClass());
    }

    private static boolean isJdkFactory(ThreadFactory factory) {
        return factory != null && factory.getClass().getName().startsWith("java.util.concurrent.Executors$");
    }
}
