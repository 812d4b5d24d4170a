package dev.taskflight.agent.internal.forkjoin;

import dev.taskflight.agent.internal.AgentLog;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The depth of a {@code ForkJoinPool} worker's own queue, read by the sampler thread: the public
 * {@code ForkJoinWorkerThread.getQueuedTaskCount()} where the JDK has it (20+), else the worker's
 * {@code WorkQueue.queueSize()} (JDK 17).
 */
final class LocalQueues {

    private static final MethodHandle DEPTH = depthHandle();

    private LocalQueues() {
    }

    static int depth(ForkJoinWorkerThread worker) {
        if (DEPTH == null) {
            return -1;
        }
        try {
            return (int) DEPTH.invokeExact(worker);
        } catch (Throwable t) {
            return -1;
        }
    }

    private static MethodHandle depthHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(ForkJoinWorkerThread.class, "getQueuedTaskCount",
                    MethodType.methodType(int.class));
        } catch (ReflectiveOperationException | RuntimeException notPublic) {
            try {
                MethodHandles.Lookup lookup =
                        MethodHandles.privateLookupIn(ForkJoinWorkerThread.class, MethodHandles.lookup());
                Class<?> queue = Class.forName("java.util.concurrent.ForkJoinPool$WorkQueue");
                MethodHandle getQueue = lookup.findGetter(ForkJoinWorkerThread.class, "workQueue", queue);
                MethodHandle size = lookup.findVirtual(queue, "queueSize", MethodType.methodType(int.class));
                return MethodHandles.filterReturnValue(getQueue, size);
            } catch (ReflectiveOperationException | RuntimeException e) {
                AgentLog.debug("ForkJoinPool local queue depth unavailable: " + e);
                return null;
            }
        }
    }
}
