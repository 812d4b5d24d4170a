package dev.taskflight.agent.internal.kotlin;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.ClassMemo;
import dev.taskflight.agent.internal.WeakIdentityMap;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * How to read one {@code CoroutineScheduler} class's state, looked up once per class (one per
 * kotlinx-coroutines copy loaded): handles adapted to {@code Object} receivers so that every read is
 * an exact invocation. A task's mode is its {@code taskContext}: a {@code boolean} "is blocking"
 * since kotlinx-coroutines 1.9, a {@code TaskContext} whose {@code taskMode} is 1 when blocking before.
 */
final class SchedulerHandles {

    private static final int TASK_PROBABLY_BLOCKING = 1;

    /** Each scheduler class's handles, or {@code null}; looked up on its first workers' threads, without a lock. */
    static final ClassMemo<SchedulerHandles> OF = new ClassMemo<>(SchedulerHandles::lookUp, h -> h != null);

    /** The scheduler classes whose handles failed, each warned about once. */
    private static final WeakIdentityMap<Class<?>, String> FAILED = new WeakIdentityMap<>();

    private static SchedulerHandles lookUp(Class<?> scheduler) {
        try {
            return new SchedulerHandles(scheduler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            FAILED.computeIfAbsent(scheduler, c -> {
                String warning = CoroutineAdapter.FAMILY + ": cannot read " + c.getName()
                        + ", its pools are not recorded: " + e;
                AgentLog.warn(warning);
                return warning;
            }, 0);
            return null;
        }
    }

    final MethodHandle schedulerName;
    final MethodHandle corePoolSize;
    final MethodHandle maxPoolSize;
    final MethodHandle keepAliveNanos;
    final MethodHandle cpuQueue;
    final MethodHandle blockingQueue;
    final MethodHandle queueSize;
    final MethodHandle isTerminated;
    final MethodHandle createdWorkers;
    final MethodHandle workerScheduler;
    final MethodHandle localQueue;
    final MethodHandle localQueueSize;
    final Class<?> workerClass;
    private final MethodHandle submissionTime;
    private final MethodHandle blockingFlag;   // 1.9+: boolean taskContext
    private final MethodHandle taskContext;    // before: TaskContext taskContext
    private final MethodHandle taskMode;

    private SchedulerHandles(Class<?> scheduler) throws ReflectiveOperationException {
        ClassLoader loader = scheduler.getClassLoader();
        Class<?> task = Class.forName(CoroutineAdapter.TASK, false, loader);
        workerClass = Class.forName(CoroutineAdapter.WORKER, false, loader);
        Class<?> globalQueue = scheduler.getField("globalCpuQueue").getType();
        Class<?> workQueue = workerClass.getField("localQueue").getType();
        MethodHandles.Lookup s = MethodHandles.privateLookupIn(scheduler, MethodHandles.lookup());
        schedulerName = getter(s, scheduler, "schedulerName", Object.class);
        corePoolSize = getter(s, scheduler, "corePoolSize", int.class);
        maxPoolSize = getter(s, scheduler, "maxPoolSize", int.class);
        keepAliveNanos = getter(s, scheduler, "idleWorkerKeepAliveNs", long.class);
        cpuQueue = getter(s, scheduler, "globalCpuQueue", Object.class);
        blockingQueue = getter(s, scheduler, "globalBlockingQueue", Object.class);
        isTerminated = adapt(s.findVirtual(scheduler, "isTerminated", MethodType.methodType(boolean.class)), boolean.class);
        createdWorkers = adapt(s.findVirtual(scheduler, "getCreatedWorkers", MethodType.methodType(int.class)), int.class);
        queueSize = adapt(MethodHandles.privateLookupIn(globalQueue, MethodHandles.lookup())
                .findVirtual(globalQueue, "getSize", MethodType.methodType(int.class)), int.class);
        MethodHandles.Lookup w = MethodHandles.privateLookupIn(workerClass, MethodHandles.lookup());
        workerScheduler = adapt(w.findVirtual(workerClass, "getScheduler", MethodType.methodType(scheduler)), Object.class);
        localQueue = getter(w, workerClass, "localQueue", Object.class);
        localQueueSize = adapt(MethodHandles.privateLookupIn(workQueue, MethodHandles.lookup())
                .findVirtual(workQueue, "getSize$kotlinx_coroutines_core", MethodType.methodType(int.class)), int.class);
        MethodHandles.Lookup t = MethodHandles.privateLookupIn(task, MethodHandles.lookup());
        submissionTime = getter(t, task, "submissionTime", long.class);
        Class<?> context = task.getField("taskContext").getType();
        if (context == boolean.class) {
            blockingFlag = getter(t, task, "taskContext", boolean.class);
            taskContext = null;
            taskMode = null;
        } else {
            blockingFlag = null;
            taskContext = getter(t, task, "taskContext", Object.class);
            taskMode = adapt(MethodHandles.privateLookupIn(context, MethodHandles.lookup())
                    .findVirtual(context, "getTaskMode", MethodType.methodType(int.class)), int.class);
        }
    }

    /**
     * @param task a scheduler task
     * @return whether it was dispatched as blocking ({@code Dispatchers.IO}, {@code limitedParallelism} on it)
     */
    boolean blocking(Object task) throws Throwable {
        if (blockingFlag != null) {
            return (boolean) blockingFlag.invokeExact(task);
        }
        Object context = (Object) taskContext.invokeExact(task);
        return context != null && (int) taskMode.invokeExact(context) == TASK_PROBABLY_BLOCKING;
    }

    /** @return when the task was dispatched, in {@link System#nanoTime()} terms */
    long submissionTime(Object task) throws Throwable {
        return (long) submissionTime.invokeExact(task);
    }

    private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> owner, String field, Class<?> as)
            throws ReflectiveOperationException {
        Class<?> type = owner.getField(field).getType();
        return adapt(lookup.findGetter(owner, field, type), as);
    }

    private static MethodHandle adapt(MethodHandle handle, Class<?> returnType) {
        return handle.asType(MethodType.methodType(returnType, Object.class));
    }
}
