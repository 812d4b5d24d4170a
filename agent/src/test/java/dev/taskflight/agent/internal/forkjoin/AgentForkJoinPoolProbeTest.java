package dev.taskflight.agent.internal.forkjoin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.recorder.core.WorkerProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentForkJoinPoolProbeTest {

    private static final int WORKERS = 4;
    private static final int POLLS = 50;

    @Test
    void theFirstWorkersOfANewPoolRacingToAttachEachGetTheirProbeAndEveryPollIsCounted() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(WORKERS);
        AgentForkJoinPoolProbe probe = new AgentForkJoinPoolProbe("racing-fork-join", pool, false);
        CyclicBarrier together = new CyclicBarrier(WORKERS);
        Set<WorkerProbe> seen = ConcurrentHashMap.newKeySet();
        List<ForkJoinTask<?>> tasks = new ArrayList<>();
        try {
            synchronized (probe) { // whoever holds the probe's monitor, workers attach without it
                for (int i = 0; i < WORKERS; i++) {
                    tasks.add(pool.submit(() -> {
                        ForkJoinWorkerThread me = (ForkJoinWorkerThread) Thread.currentThread();
                        together.await(60, TimeUnit.SECONDS); // every worker attaches at once
                        WorkerProbe w = probe.worker(me);
                        seen.add(w);
                        for (int p = 0; p < POLLS; p++) {
                            w.pollStart(WorkerProbe.NO_SUBMIT_TIME, null);
                            w.pollEnd(Runnable.class);
                        }
                        assertThat(probe.worker(me)).isSameAs(w);
                        return null;
                    }));
                }
                for (ForkJoinTask<?> task : tasks) {
                    task.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(WORKERS);
        assertThat(probe.workers()).containsExactlyInAnyOrderElementsOf(seen);
        assertThat(probe.slots().stream().mapToLong(WorkerProbe::polls).sum()).isEqualTo((long) WORKERS * POLLS);
    }
}
