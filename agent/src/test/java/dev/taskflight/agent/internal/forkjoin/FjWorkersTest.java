package dev.taskflight.agent.internal.forkjoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The agent's per-thread cache of ForkJoinPool workers: a thread finds its own entry, never another's. */
class FjWorkersTest {

    /** A thread whose id puts it in the same cache set as every other one of its kind. */
    private static final class SameSlotThread extends Thread {
        SameSlotThread(Runnable run) {
            super(run);
        }

        @Override
        @SuppressWarnings("deprecation")
        public long getId() {
            return 123_456_789L;
        }
    }

    private static FjWorkers.Entry entry(Thread t, int index) {
        return new FjWorkers.Entry(t, null, index, false);
    }

    @Test
    void aThreadFindsTheEntryItPutAndNoOtherThreadFindsIt() {
        Thread me = Thread.currentThread();
        FjWorkers.Entry mine = entry(me, 3);
        FjWorkers.put(mine);
        assertThat(FjWorkers.get(me)).isSameAs(mine);
        assertThat(FjWorkers.get(new Thread(() -> { }))).isNull();
        FjWorkers.remove(me);
        assertThat(FjWorkers.get(me)).isNull();
    }

    @Test
    void fourLiveThreadsOfOneSetAreCachedTogetherAndAFifthTakesTheSlotOfOneThatExited() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Runnable await = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        List<Thread> live = new ArrayList<>();
        List<FjWorkers.Entry> entries = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Thread t = new SameSlotThread(await);
                t.start();
                live.add(t);
                entries.add(entry(t, i));
                FjWorkers.put(entries.get(i));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(FjWorkers.get(live.get(i))).isSameAs(entries.get(i));
            }
            // a fifth live thread of the set takes a live one's slot; each finds only its own entry
            Thread fifth = new SameSlotThread(await);
            fifth.start();
            FjWorkers.Entry fifthEntry = entry(fifth, 4);
            FjWorkers.put(fifthEntry);
            assertThat(FjWorkers.get(fifth)).isSameAs(fifthEntry);
            assertThat(live).filteredOn(t -> FjWorkers.get(t) == null).hasSize(1);
            for (Thread t : live) {
                FjWorkers.Entry e = FjWorkers.get(t);
                assertThat(e == null || e.thread == t).isTrue();
            }
            // once one has exited, a new thread of the set takes its slot, not a live thread's
            Thread gone = live.stream().filter(t -> FjWorkers.get(t) != null).findFirst().orElseThrow();
            live.add(fifth);
            live.remove(gone);
            gone.interrupt();
            gone.join();
            Thread sixth = new SameSlotThread(await);
            sixth.start();
            live.add(sixth);
            FjWorkers.put(entry(sixth, 5));
            assertThat(FjWorkers.get(sixth)).isNotNull();
            assertThat(live).filteredOn(t -> FjWorkers.get(t) == null).hasSize(1);
        } finally {
            release.countDown();
            for (Thread t : live) {
                t.join();
                FjWorkers.remove(t);
            }
        }
    }

    @Test
    void aThreadWhoseEntryWasTakenGetsNothingRatherThanAnotherThreadsEntry() {
        Thread me = Thread.currentThread();
        FjWorkers.put(entry(me, 1));
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Thread t = new Thread(() -> { });
            others.add(t);
            FjWorkers.put(entry(t, i));
        }
        FjWorkers.Entry e = FjWorkers.get(me);
        assertThat(e == null || e.thread == me).isTrue();
        others.forEach(FjWorkers::remove);
        FjWorkers.remove(me);
    }
}
