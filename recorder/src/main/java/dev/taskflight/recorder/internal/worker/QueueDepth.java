package dev.taskflight.recorder.internal.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The depth of a pool's work queue, read without taking the queue's lock, so that a worker may read
 * its own pool's queue as it parks without waiting for the thread that holds the lock.
 *
 * <p>{@code LinkedBlockingQueue}, {@code LinkedTransferQueue} and {@code SynchronousQueue} count
 * without a lock. {@code ArrayBlockingQueue}, {@code PriorityBlockingQueue},
 * {@code LinkedBlockingDeque}, {@code DelayQueue} and a scheduled pool's {@code DelayedWorkQueue}
 * take their lock in {@code size()}; their count field is read instead, racily (a gauge may be a step
 * behind), where the agent has opened {@code java.util.concurrent} to Taskflight. Where it has not (the
 * recorder as a library), and for other queue classes, whose {@code size()} may lock, the depth is
 * unknown. A queue wrapped by {@link ParkTimingQueue} is read through to the application's queue.
 */
public final class QueueDepth {

    /** The depth could not be read without a lock. */
    public static final long UNKNOWN = -1;

    private static final VarHandle ABQ_COUNT = field(ArrayBlockingQueue.class, "count", int.class);
    private static final VarHandle PBQ_SIZE = field(PriorityBlockingQueue.class, "size", int.class);
    private static final VarHandle LBD_COUNT = field(LinkedBlockingDeque.class, "count", int.class);
    private static final VarHandle DQ_QUEUE = field(DelayQueue.class, "q", java.util.PriorityQueue.class);
    private static final Class<?> DWQ = delayedWorkQueue();
    private static final VarHandle DWQ_SIZE = DWQ == null ? null : field(DWQ, "size", int.class);
    private static final VarHandle DWQ_HEAP = DWQ == null ? null : heapField(DWQ);

    /** Whether a subclass of {@code LinkedBlockingQueue} counts as it does: looked up once per class. */
    private static final ClassValue<Boolean> JDK_COUNT = new JdkCount();

    private static final class JdkCount extends ClassValue<Boolean> {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("size").getDeclaringClass() == LinkedBlockingQueue.class;
            } catch (NoSuchMethodException | SecurityException e) {
                return false;
            }
        }
    }

    private QueueDepth() {
    }

    /**
     * Returns the number of tasks in a queue, without taking its lock.
     *
     * @param queue the queue, not {@code null}
     * @return the count, or {@link #UNKNOWN}
     */
    public static long size(Queue<?> queue) {
        Queue<?> q = queue instanceof ParkTimingQueue<?> wrapped ? wrapped.delegate() : queue;
        Class<?> type = q.getClass();
        if (type == LinkedBlockingQueue.class || type == LinkedTransferQueue.class) {
            return q.size();
        }
        if (type == SynchronousQueue.class) {
            return 0;
        }
        if (type == DWQ) {
            return read(DWQ_SIZE, q);
        }
        if (type == ArrayBlockingQueue.class) {
            return read(ABQ_COUNT, q);
        }
        if (type == DelayQueue.class) {
            if (DQ_QUEUE == null) {
                return UNKNOWN;
            }
            Object heap = DQ_QUEUE.getOpaque(q);
            return heap == null ? UNKNOWN : ((Queue<?>) heap).size(); // PriorityQueue's size() is a field read
        }
        if (type == PriorityBlockingQueue.class) {
            return read(PBQ_SIZE, q);
        }
        if (type == LinkedBlockingDeque.class) {
            return read(LBD_COUNT, q);
        }
        if (q instanceof LinkedBlockingQueue<?> && JDK_COUNT.get(type)) {
            return q.size(); // a subclass that keeps the JDK's count, such as Tomcat's TaskQueue
        }
        return UNKNOWN;
    }

    /**
     * Returns the number of a scheduled pool's tasks that are due, without taking the queue's lock: 1
     * when the earliest is due (a lower bound: counting every due task would scan the heap), else 0.
     * For any other queue, as {@link #size(Queue)}.
     *
     * @param queue the queue, not {@code null}
     * @return the count, or {@link #UNKNOWN}
     */
    public static long due(BlockingQueue<?> queue) {
        Queue<?> q = queue instanceof ParkTimingQueue<?> wrapped ? wrapped.delegate() : queue;
        if (q.getClass() != DWQ) {
            return size(q);
        }
        if (DWQ_HEAP == null) {
            return UNKNOWN;
        }
        Object[] heap = (Object[]) DWQ_HEAP.getOpaque(q);
        Object head = heap == null || heap.length == 0 ? null : heap[0];
        return head instanceof Delayed d && d.getDelay(TimeUnit.NANOSECONDS) <= 0 ? 1 : 0;
    }

    /**
     * Reads one queue of each kind, so that the reads are linked on the calling thread (the agent's
     * preparation) rather than on the first worker that parks.
     */
    public static void warmUp() {
        size(new LinkedBlockingQueue<>());
        size(new LinkedTransferQueue<>());
        size(new SynchronousQueue<>());
        size(new ArrayBlockingQueue<>(1));
        size(new PriorityBlockingQueue<>());
        size(new LinkedBlockingDeque<>());
        size(new DelayQueue<>());
        size(new LinkedBlockingQueue<>() { });
        if (DWQ_HEAP != null) {
            try {
                java.lang.reflect.Constructor<?> c = DWQ.getDeclaredConstructor();
                c.setAccessible(true);
                BlockingQueue<?> scheduled = (BlockingQueue<?>) c.newInstance();
                size(scheduled);
                due(scheduled);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left to the first scheduled pool's worker
            }
        }
    }

    private static long read(VarHandle count, Object queue) {
        return count == null ? UNKNOWN : (int) count.getOpaque(queue);
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | RuntimeException closed) {
            return null; // java.util.concurrent not opened to Taskflight (no agent), or another JDK's fields
        }
    }

    private static VarHandle heapField(Class<?> owner) {
        try {
            Class<?> element = Class.forName("java.util.concurrent.RunnableScheduledFuture");
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                    .findVarHandle(owner, "queue", element.arrayType());
        } catch (ReflectiveOperationException | RuntimeException closed) {
            return null;
        }
    }

    private static Class<?> delayedWorkQueue() {
        try {
            return Class.forName("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue");
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
