package dev.taskflight.recorder.internal.worker;

import java.lang.reflect.Field;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The child JVM of {@link QueueDepthTest}: run with {@code java.util.concurrent} opened, as under the
 * agent. Prints {@code name=value} lines. A queue's lock is held by a holder thread that stops inside
 * the queue's locked section (a {@code forEach} action, an element's {@code compareTo}) while a reader
 * thread reads the depth; a read that waited for the lock prints {@code blocked}.
 */
public final class QueueDepthOpened {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    private QueueDepthOpened() {
    }

    public static void main(String[] args) throws Exception {
        ArrayBlockingQueue<Runnable> array = new ArrayBlockingQueue<>(4);
        PriorityBlockingQueue<String> priority = new PriorityBlockingQueue<>();
        LinkedBlockingDeque<Runnable> deque = new LinkedBlockingDeque<>();
        for (int i = 0; i < 3; i++) {
            array.add(() -> { });
        }
        priority.add("a");
        priority.add("b");
        deque.add(() -> { });
        deque.add(() -> { });
        print("array.size", QueueDepth.size(array));
        print("priority.size", QueueDepth.size(priority));
        print("deque.size", QueueDepth.size(deque));

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrayHeld = new CountDownLatch(1);
        THREADS.submit(() -> array.forEach(r -> hold(arrayHeld, release)));
        arrayHeld.await();
        print("array.locked", locked(array));
        print("array.whileLocked", readElsewhere(() -> QueueDepth.size(array)));

        DelayQueue<Due> delay = new DelayQueue<>();
        delay.add(new Due(TimeUnit.HOURS.toNanos(1), null, release));
        print("delay.size", QueueDepth.size(delay));
        CountDownLatch delayHeld = new CountDownLatch(1);
        THREADS.submit(() -> delay.add(new Due(TimeUnit.HOURS.toNanos(2), delayHeld, release)));
        delayHeld.await();
        print("delay.locked", locked(delay));
        print("delay.whileLocked", readElsewhere(() -> QueueDepth.size(delay)));

        HoldingScheduler scheduler = new HoldingScheduler(release);
        scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
        print("scheduled.size", QueueDepth.size(scheduler.getQueue()));
        print("scheduled.due", QueueDepth.due(scheduler.getQueue()));
        CountDownLatch scheduledHeld = new CountDownLatch(1);
        scheduler.holdNext = scheduledHeld;
        THREADS.submit(() -> scheduler.schedule(() -> { }, 2, TimeUnit.HOURS));
        scheduledHeld.await();
        print("scheduled.locked", locked(scheduler.getQueue()));
        print("scheduled.whileLocked", readElsewhere(() -> QueueDepth.size(scheduler.getQueue())));
        print("scheduled.dueWhileLocked", readElsewhere(() -> QueueDepth.due(scheduler.getQueue())));
        release.countDown();

        ScheduledThreadPoolExecutor busy = new ScheduledThreadPoolExecutor(1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        busy.execute(() -> hold(running, done));
        running.await(); // its one worker is busy: a task due now stays queued
        busy.schedule(() -> { }, 0, TimeUnit.NANOSECONDS);
        print("scheduled.dueNow", QueueDepth.due(busy.getQueue()));
        done.countDown();
        busy.shutdown();
        scheduler.shutdownNow();
        System.exit(0);
    }

    private static void print(String name, Object value) {
        System.out.println(name + "=" + value);
    }

    private static void hold(CountDownLatch held, CountDownLatch release) {
        held.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads on another thread: a read that waits for the held lock never returns before the release. */
    private static String readElsewhere(Callable<Long> read) throws InterruptedException, ExecutionException {
        Future<Long> result = THREADS.submit(read);
        try {
            return Long.toString(result.get(2, TimeUnit.MINUTES));
        } catch (TimeoutException e) {
            return "blocked";
        }
    }

    private static boolean locked(Queue<?> queue) throws ReflectiveOperationException {
        Field lock = queue.getClass().getDeclaredField("lock");
        lock.setAccessible(true);
        return ((ReentrantLock) lock.get(queue)).isLocked();
    }

    /** A delayed element whose {@code compareTo} stops, inside the queue's lock, when it is the one added. */
    static final class Due implements Delayed {
        private final long due;
        private final CountDownLatch held;
        private final CountDownLatch release;

        Due(long delay, CountDownLatch held, CountDownLatch release) {
            this.due = System.nanoTime() + delay;
            this.held = held;
            this.release = release;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            if (held != null) {
                hold(held, release);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** A scheduled pool whose next task, once asked, stops in its queue's lock as it is sorted in. */
    static final class HoldingScheduler extends ScheduledThreadPoolExecutor {
        private final CountDownLatch release;
        volatile CountDownLatch holdNext;

        HoldingScheduler(CountDownLatch release) {
            super(1, r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            });
            this.release = release;
        }

        @Override
        protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
            CountDownLatch held = holdNext;
            holdNext = null;
            return held == null ? task : new Holding<>(task, held, release);
        }
    }

    /** A scheduled task whose {@code compareTo} stops until the release. */
    static final class Holding<V> implements RunnableScheduledFuture<V> {
        private final RunnableScheduledFuture<V> task;
        private final CountDownLatch held;
        private final CountDownLatch release;

        Holding(RunnableScheduledFuture<V> task, CountDownLatch held, CountDownLatch release) {
            this.task = task;
            this.held = held;
            this.release = release;
        }

        @Override
        public int compareTo(Delayed o) {
            hold(held, release);
            return task.compareTo(o instanceof Holding<?> h ? h.task : o);
        }

        @Override
        public boolean isPeriodic() {
            return task.isPeriodic();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return task.getDelay(unit);
        }

        @Override
        public void run() {
            task.run();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return task.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return task.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return task.get(timeout, unit);
        }
    }
}
