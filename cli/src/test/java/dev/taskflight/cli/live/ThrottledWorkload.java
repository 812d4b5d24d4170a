package dev.taskflight.cli.live;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A monitored JVM whose workers sleep beside queued work: a 2-worker {@code ThreadPoolExecutor}
 * {@value #POOL} over a {@link DelayQueue} (a throttled queue: a task may start only when it is due).
 * Every {@value #BATCH_EVERY_MILLIS} ms a batch of {@value #BATCH} tasks is queued, the first due
 * {@value #DUE_MILLIS} ms later and each next one {@value #SPACING_MILLIS} ms after the one before. A
 * worker that has run one asks for the next while it is queued and not yet due, and parks beside it for
 * about {@value #SPACING_MILLIS} ms, so the agent's {@code WorkerPark} events have {@code queuedAtPark > 0}
 * and last over the finding's 1 ms: the idle-worker finding, however quickly the tasks were queued.
 * Prints {@link LiveWorkload#READY} once running.
 */
public final class ThrottledWorkload {

    static final String POOL = "throttled-worker";
    static final long DUE_MILLIS = 20;
    static final long BATCH_EVERY_MILLIS = 40;
    static final int BATCH = 8;
    static final long SPACING_MILLIS = 2;

    /** A task that may start once it is due. */
    static final class DueTask implements Runnable, Delayed {
        private final long due;

        DueTask(long due) {
            this.due = due;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public void run() {
            Math.sqrt(due);
        }
    }

    private ThrottledWorkload() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        BlockingQueue<Runnable> queue = (BlockingQueue) new DelayQueue<DueTask>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r);
            t.setName(POOL + "-" + t.getId());
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads(); // every task goes through the queue
        System.out.println(LiveWorkload.READY);
        System.out.flush();
        while (true) {
            long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DUE_MILLIS);
            for (int i = 0; i < BATCH; i++) {
                pool.execute(new DueTask(first + TimeUnit.MILLISECONDS.toNanos(i * SPACING_MILLIS)));
            }
            TimeUnit.MILLISECONDS.sleep(BATCH_EVERY_MILLIS);
        }
    }
}
