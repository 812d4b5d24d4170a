package dev.taskflight.agent.internal.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.recorder.core.WorkerProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-virtual-thread table: what a slot answers, and to whom, when threads share it. */
class VtTableTest {

    /** Ids far from those of the JVM's own threads, each test its own range. */
    private static long base(int test) {
        return 1_000_000L * (test + 1);
    }

    @Test
    void aThreadsTaskClassIsItsOwnAndAnUnknownThreadHasNone() {
        long id = base(1);
        VtTable.created(id, Runnable.class);
        assertThat(VtTable.taskClass(id)).isEqualTo(Runnable.class);
        assertThat(VtTable.taskClass(id + 1)).isNull();
    }

    @Test
    void aNewerThreadInTheSameSlotTakesItAndTheOlderOneReportsNothing() {
        long older = base(2);
        long newer = older + VtTable.SIZE;
        VtTable.created(older, Runnable.class);
        VtTable.submitted(older, 42);
        VtTable.created(newer, String.class);
        assertThat(VtTable.taskClass(older)).isNull();
        assertThat(VtTable.taskClass(newer)).isEqualTo(String.class);
        assertThat(VtTable.takeSubmit(newer)).as("the older thread's stamp is not the newer one's")
                .isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
        assertThat(VtTable.takeSubmit(older)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
    }

    @Test
    void aSubmitIsTakenOnceByTheThreadsNextMount() {
        long id = base(3);
        VtTable.created(id, Runnable.class);
        assertThat(VtTable.takeSubmit(id)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
        VtTable.submitted(id, 1234);
        assertThat(VtTable.takeSubmit(id)).isEqualTo(1234);
        assertThat(VtTable.takeSubmit(id)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
    }

    @Test
    void anOlderThreadsSubmitAfterANewerOneClaimedTheSlotIsNotTheNewerOnes() {
        long older = base(4);
        long newer = older + VtTable.SIZE;
        VtTable.created(older, Runnable.class);
        VtTable.created(newer, String.class);
        VtTable.submitted(older, 77);
        assertThat(VtTable.takeSubmit(newer)).isEqualTo(WorkerProbe.NO_SUBMIT_TIME);
        VtTable.submitted(newer, 88);
        assertThat(VtTable.takeSubmit(newer)).isEqualTo(88);
    }

    /**
     * Threads that share one slot are created while others read it: a reader gets its own thread's class
     * or none, never the class of another thread of the slot. The slot's threads alternate between
     * {@code Runnable} and {@code String} tasks.
     */
    @Test
    void aReaderNeverGetsAnotherThreadsClassWhileTheSlotChangesHands() throws InterruptedException {
        long first = base(5);
        int generations = 200_000;
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong latest = new AtomicLong();
        AtomicLong ownClassesRead = new AtomicLong();
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int g = 0; g < generations; g++) {
                long id = first + (long) g * VtTable.SIZE;
                VtTable.created(id, g % 2 == 0 ? Runnable.class : String.class);
                latest.set(g);
            }
            done.set(true);
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(new Thread(() -> {
                boolean last;
                do { // at least once: the last pass, after the writer's end, finds its last thread's class
                    last = done.get();
                    long g = latest.get();
                    for (long id = first + (g - 1) * VtTable.SIZE; id <= first + (g + 1) * VtTable.SIZE; id += VtTable.SIZE) {
                        Class<?> seen = VtTable.taskClass(id); // the writer's last thread, its next, and the one before
                        Class<?> own = (id - first) / VtTable.SIZE % 2 == 0 ? Runnable.class : String.class;
                        if (seen == own) {
                            ownClassesRead.incrementAndGet();
                        } else if (seen != null) {
                            wrong.compareAndSet(null, "thread " + id + " read " + seen);
                        }
                    }
                } while (!last);
            }));
        }
        readers.forEach(Thread::start);
        writer.start();
        writer.join();
        for (Thread t : readers) {
            t.join();
        }
        assertThat(wrong.get()).isNull();
        assertThat(ownClassesRead.get()).as("reads that found the slot's thread").isPositive();
    }
}
