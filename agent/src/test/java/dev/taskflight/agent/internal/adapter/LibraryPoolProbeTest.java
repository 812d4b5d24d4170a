package dev.taskflight.agent.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.internal.jetty.JettyPoolProbe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/**
 * A library pool's queue, read at a worker's park, never looks the pool's getters up there: looking them
 * up by reflection loads the classes of the pool's fields, under the class loader's lock, and two Jetty
 * workers were seen waiting 10 ms for each other so. The reading is unknown until the watchdog (or a
 * sampler) has looked them up, on a thread of Taskflight's. A real Jetty pool, with tasks waiting in its
 * queue.
 */
class LibraryPoolProbeTest {

    /** A Jetty probe that counts its look-ups. */
    static final class CountingProbe extends LibraryPoolProbe<JettyPoolProbe> {
        final JettyPoolProbe jetty;
        int lookUps;

        CountingProbe(QueuedThreadPool pool) {
            super("counted", "jetty", "agent", pool);
            jetty = new JettyPoolProbe(pool, "counted");
        }

        @Override
        protected JettyPoolProbe findGetters(Class<?> poolClass) {
            lookUps++;
            jetty.prepare();
            return jetty;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public long queuedTasks() {
            return getters().queuedTasks();
        }

        @Override
        protected void fill(dev.taskflight.events.queue.QueueSampleEvent event) {
        }

        @Override
        protected void fill(dev.taskflight.events.pool.PoolInfoEvent event) {
        }
    }

    @Test
    void aWorkersReadingIsUnknownUntilTheGettersWereLookedUpOffTheWorkersThenItIsTheQueue() throws Exception {
        withQueued(2, pool -> {
            CountingProbe probe = new CountingProbe(pool);
            assertThat(probe.queuedTasksOnWorker()).as("before any look-up").isEqualTo(-1);
            assertThat(probe.lookUps).as("look-ups on the worker's path").isZero();

            probe.prepare();
            assertThat(probe.lookUps).isEqualTo(1);
            assertThat(probe.queuedTasksOnWorker()).as("the two tasks behind the blocked one").isEqualTo(2);
            probe.prepare();
            assertThat(probe.lookUps).as("prepared once").isEqualTo(1);
        });
    }

    @Test
    void jettysProbeReadsItsQueueAtAParkOnlyOncePrepared() throws Exception {
        withQueued(1, pool -> {
            JettyPoolProbe probe = new JettyPoolProbe(pool, "jetty");
            assertThat(probe.queuedTasksOnWorker()).isEqualTo(-1);
            probe.prepare();
            assertThat(probe.queuedTasksOnWorker()).isEqualTo(1);
            assertThat(probe.queuedTasks()).isEqualTo(1);
        });
    }

    private interface PoolCheck {
        void check(QueuedThreadPool pool) throws Exception;
    }

    /** Runs the check on a started one-thread pool whose thread is busy and whose queue holds {@code queued} tasks. */
    private static void withQueued(int queued, PoolCheck check) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(1, 1);
        pool.setReservedThreads(0);
        pool.start();
        CountDownLatch release = new CountDownLatch(1);
        try {
            block(pool, release);
            for (int i = 0; i < queued; i++) {
                pool.execute(() -> { });
            }
            check.check(pool);
        } finally {
            release.countDown();
            pool.stop();
            pool.join();
        }
    }

    /** Occupies the pool's one thread until {@code release}, and returns once it runs. */
    private static void block(QueuedThreadPool pool, CountDownLatch release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();
    }
}
