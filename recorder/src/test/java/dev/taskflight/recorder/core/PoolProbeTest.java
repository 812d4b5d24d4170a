package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class PoolProbeTest {

    @Test
    void aStartingWorkerTakesTheLowestFreeIndex() {
        FakePool pool = new FakePool("slots");
        WorkerProbe a = pool.attachWorker(new Thread());
        WorkerProbe b = pool.attachWorker(new Thread());
        WorkerProbe c = pool.attachWorker(new Thread());
        assertThat(a.index()).isZero();
        assertThat(b.index()).isEqualTo(1);
        assertThat(c.index()).isEqualTo(2);
        pool.detachWorker(b);
        assertThat(pool.workers()).containsExactly(a, c);
        assertThat(pool.attachWorker(new Thread()).index()).isEqualTo(1);
    }

    @Test
    void workersRacingToAttachAndDetachEachGetTheirOwnIndexAndEveryPollIsCounted() throws Exception {
        FakePool pool = new FakePool("racing");
        int threads = 8;
        int generations = 50;
        int pollsEach = 20;
        CyclicBarrier start = new CyclicBarrier(threads);
        Set<WorkerProbe> attached = ConcurrentHashMap.newKeySet();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    for (int g = 0; g < generations; g++) {
                        WorkerProbe w = pool.attachWorker(Thread.currentThread());
                        attached.add(w);
                        for (int i = 0; i < pollsEach; i++) {
                            w.pollStart(WorkerProbe.NO_SUBMIT_TIME, null);
                            w.pollEnd(Runnable.class);
                        }
                        if (g < generations - 1) {
                            pool.detachWorker(w);
                        }
                    }
                } catch (InterruptedException | BrokenBarrierException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        assertThat(attached).hasSize(threads * generations);
        assertThat(pool.workers()).hasSize(threads)
                .extracting(WorkerProbe::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(pool.slots()).hasSize(threads);
        assertThat(pool.slots().stream().mapToLong(WorkerProbe::polls).sum())
                .as("every poll of every worker that held an index").isEqualTo((long) threads * generations * pollsEach);
    }

    @Test
    void aWorkerAttachesAndDetachesWhileAnotherThreadHoldsThePoolsMonitor() {
        FakePool pool = new FakePool("unlocked");
        Thread worker = new Thread(() -> {
            WorkerProbe w = pool.attachWorker(Thread.currentThread());
            w.pollStart(WorkerProbe.NO_SUBMIT_TIME, null);
            w.pollEnd(Runnable.class);
            pool.workers();
            pool.slots();
            pool.detachWorker(w);
        });
        synchronized (pool) { // a sampler or anything else holding it never holds up a worker
            worker.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !worker.isAlive());
        }
        assertThat(pool.slots()).singleElement().satisfies(w -> assertThat(w.polls()).isEqualTo(1));
    }

    @Test
    void theNextWorkerOfAnIndexContinuesItsCounters() {
        FakePool pool = new FakePool("carry-over");
        WorkerProbe first = pool.attachWorker(Thread.currentThread());
        for (int i = 0; i < 3; i++) {
            first.pollStart(WorkerProbe.NO_SUBMIT_TIME, null);
            first.pollEnd(Runnable.class);
        }
        first.parkStart();
        first.parkEnd();
        first.steal(1, Runnable.class);
        pool.detachWorker(first);

        WorkerProbe second = pool.attachWorker(Thread.currentThread());
        assertThat(second).isNotSameAs(first);
        assertThat(second.index()).isZero();
        assertThat(second.polls()).isEqualTo(3);
        assertThat(second.parks()).isEqualTo(1);
        assertThat(second.steals()).isEqualTo(1);
        assertThat(second.busyNanos()).isGreaterThanOrEqualTo(first.busyNanos());
        assertThat(second.idleNanos()).isEqualTo(first.idleNanos());
    }

    @Test
    void aPollInsideAPollIsPartOfTheOuterOne() {
        FakePool pool = new FakePool("nested");
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, null);
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, null);
        w.pollEnd(Runnable.class);
        assertThat(w.polls()).isZero();
        w.pollEnd(Runnable.class);
        assertThat(w.polls()).isEqualTo(1);
    }

    @Test
    void inTraceModeAShortGapBetweenPollsIsNotAPark() {
        FakePool pool = new FakePool("gaps");
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        boolean before = RecordingMode.trace;
        RecordingMode.trace = true;
        try {
            // a gap inside a window shorter than the threshold is no park; how short a gap the machine
            // allows depends on its load, so the gap is repeated until one fits (each that does not is
            // a park: the count is taken before each try)
            boolean fits = false;
            for (int i = 0; i < 10_000 && !fits; i++) {
                long parks = w.parks();
                long t0 = System.nanoTime();
                w.gapStart();
                w.gapEnd();
                fits = System.nanoTime() - t0 < WorkerProbe.MIN_GAP_PARK_NANOS;
                if (fits) {
                    assertThat(w.parks()).isEqualTo(parks);
                }
            }
            assertThat(fits).as("a gap shorter than %d ns in 10 000 tries", WorkerProbe.MIN_GAP_PARK_NANOS).isTrue();
            long parksBefore = w.parks();
            long idleBefore = w.idleNanos();
            w.gapStart();
            long deadline = System.nanoTime() + 2 * WorkerProbe.MIN_GAP_PARK_NANOS;
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            w.gapEnd();
            assertThat(w.parks()).isEqualTo(parksBefore + 1);
            assertThat(w.idleNanos() - idleBefore).isGreaterThanOrEqualTo(2 * WorkerProbe.MIN_GAP_PARK_NANOS);
        } finally {
            RecordingMode.trace = before;
        }
    }

    @Test
    void inProductionModeGapsAreLeftToTheWatchdog() {
        FakePool pool = new FakePool("gaps-production");
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        w.gapStart();
        long deadline = System.nanoTime() + 2 * WorkerProbe.MIN_GAP_PARK_NANOS;
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        w.gapEnd();
        assertThat(w.parks()).isZero();
        assertThat(w.idleNanos()).isZero();
    }

    @Test
    void theRegistryGivesUniqueNamesAndForgetsUnregisteredPools() {
        FakePool a = PoolRegistry.register(new FakePool("registry-twin"));
        FakePool b = PoolRegistry.register(new FakePool("registry-twin"));
        assertThat(a.name()).isEqualTo("registry-twin");
        assertThat(b.name()).isEqualTo("registry-twin-2");
        assertThat(PoolRegistry.find("registry-twin-2")).isSameAs(b);
        PoolRegistry.unregister(a);
        PoolRegistry.unregister(b);
        assertThat(PoolRegistry.find("registry-twin")).isNull();
    }

    /** A probe whose queue needs a look-up first; the first {@code failures} look-ups throw. */
    static final class LookingUpPool extends PoolProbe {
        int lookUps;
        int failures;

        LookingUpPool(int failures) {
            super("looking-up", "ThreadPoolExecutor", "agent", true);
            this.failures = failures;
        }

        @Override
        protected void lookUp() {
            lookUps++;
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("not yet");
            }
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public long queuedTasks() {
            return 7; // what a worker would read without the gate
        }

        @Override
        protected void fill(dev.taskflight.events.queue.QueueSampleEvent event) {
        }

        @Override
        protected void fill(dev.taskflight.events.pool.PoolInfoEvent event) {
        }
    }

    @Test
    void aProbeMadeToLookUpFirstReadsNothingOnAWorkerUntilItsLookUpHasSucceededOnce() {
        LookingUpPool pool = new LookingUpPool(1);
        assertThat(pool.queuedTasksOnWorker()).as("before any look-up").isEqualTo(-1);
        assertThat(pool.lookUps).as("a worker's reading looks nothing up").isZero();

        pool.prepare();
        assertThat(pool.lookUps).isEqualTo(1);
        assertThat(pool.queuedTasksOnWorker()).as("after a look-up that threw").isEqualTo(-1);

        pool.prepare();
        assertThat(pool.queuedTasksOnWorker()).isEqualTo(7);
        pool.prepare();
        assertThat(pool.lookUps).as("looked up until it succeeded, then never again").isEqualTo(2);
    }

    @Test
    void aProbeWithoutALookUpIsReadOnAWorkerFromTheStart() {
        FakePool pool = new FakePool("no-look-up");
        assertThat(pool.queuedTasksOnWorker()).isEqualTo(3);
    }
}
