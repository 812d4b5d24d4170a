package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theNextWorkerOfAnIndexContinuesItsCounters() {
        FakePool pool = new FakePool("carry-over");
        WorkerProbe first = pool.attachWorker(Thread.currentThread());
        for (int i = 0; i < 3; i++) {
            first.pollStart(WorkerProbe.NO_SUBMIT_TIME, false, null);
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
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, false, null);
        w.pollStart(WorkerProbe.NO_SUBMIT_TIME, false, null);
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
            w.gapStart();
            w.gapEnd();
            assertThat(w.parks()).isZero();
            w.gapStart();
            long deadline = System.nanoTime() + 2 * WorkerProbe.MIN_GAP_PARK_NANOS;
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            w.gapEnd();
            assertThat(w.parks()).isEqualTo(1);
            assertThat(w.idleNanos()).isGreaterThanOrEqualTo(2 * WorkerProbe.MIN_GAP_PARK_NANOS);
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
}
