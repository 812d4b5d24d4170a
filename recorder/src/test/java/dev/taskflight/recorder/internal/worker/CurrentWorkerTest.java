package dev.taskflight.recorder.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;
import dev.taskflight.recorder.core.ForkJoinPoolProbe;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a task finds the worker running it: library ForkJoinPool workers carry their probe, other
 * library workers have it in a thread-local, and every other thread (a plain pool's worker, a
 * worker of another library pool, a caller) has none for the pool.
 */
class CurrentWorkerTest {

    private final ProbeRef ref = new ProbeRef();
    private final ForkJoinPool pool = new ForkJoinPool(2, p -> new ProbedWorkerThread(p, ref), null, false);
    private final PoolProbe probe = new ForkJoinPoolProbe("current-fj", pool, Instrumentation.LIBRARY);
    private final ForkJoinPool plain = new ForkJoinPool(1);
    private final ExecutorService other = Executors.newSingleThreadExecutor(
            new ProbingThreadFactory(Executors.defaultThreadFactory(), otherRef(), false));
    private PoolProbe otherProbe;

    {
        ref.set(probe);
    }

    private ProbeRef otherRef() {
        ProbeRef r = new ProbeRef();
        otherProbe = new ForkJoinPoolProbe("current-other", ForkJoinPool.commonPool(), Instrumentation.LIBRARY);
        r.set(otherProbe);
        return r;
    }

    @AfterEach
    void shutdown() throws InterruptedException {
        for (ExecutorService e : new ExecutorService[] {pool, plain, other}) {
            e.shutdown();
            assertThat(e.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    @Test
    void aProbedWorkerThreadFindsItsOwnProbeWithoutAThreadLocal() throws Exception {
        WorkerProbe w = pool.submit(() -> CurrentWorker.ofForkJoin(probe)).get();
        assertThat(w).isNotNull();
        assertThat(w.pool()).isSameAs(probe);
        assertThat(w.thread()).isInstanceOf(ProbedWorkerThread.class);
        assertThat(pool.submit(() -> CurrentWorker.of(probe)).get()).isNotNull();
        assertThat(pool.submit(() -> Polls.submitting(true)).get()).isNotNull();
        assertThat(pool.submit(() -> CurrentWorker.of(otherProbe)).get()).isNull();
    }

    @Test
    void threadsThatAreNotTheLibraryPoolsWorkersHaveNoProbeForIt() throws Exception {
        Callable<WorkerProbe> forkJoin = () -> CurrentWorker.ofForkJoin(probe);
        Callable<WorkerProbe> any = () -> CurrentWorker.of(probe);
        assertThat(forkJoin.call()).isNull();
        assertThat(any.call()).isNull();
        assertThat(Polls.submitting(true)).isNull();
        assertThat(plain.submit(forkJoin).get()).isNull();
        assertThat(plain.submit(any).get()).isNull();
        assertThat(plain.submit(() -> Polls.submitting(true)).get()).isNull();
        assertThat(other.submit(forkJoin).get()).isNull();
        assertThat(other.submit(any).get()).isNull();
    }

    @Test
    void aWorkerOfAPoolWhoseThreadsTheApplicationMakesFindsItsProbeInTheThreadLocal() throws Exception {
        WorkerProbe w = other.submit(() -> CurrentWorker.of(otherProbe)).get();
        assertThat(w).isNotNull();
        assertThat(w.pool()).isSameAs(otherProbe);
        assertThat(other.submit(() -> CurrentWorker.ofForkJoin(otherProbe)).get()).isNull();
        assertThat(other.submit(() -> Polls.submitting(false)).get()).isSameAs(w);
        assertThat(other.submit(() -> Polls.submitting(true)).get()).isNull();
    }

    @Test
    void aLibraryForkJoinTaskRunByAnotherThreadJustRunsAndIsNotAPoll() throws Exception {
        int[] ran = new int[1];
        TimedRunnable task = new TimedRunnable(() -> ran[0]++, probe, true);
        task.run();
        plain.submit(task).get();
        other.submit(task).get();
        assertThat(ran[0]).isEqualTo(3);
        for (int i = 0; i < 10; i++) {
            pool.submit(new TimedRunnable(() -> ran[0]++, probe, true)).get();
        }
        assertThat(probe.workers().stream().mapToLong(WorkerProbe::polls).sum()).isEqualTo(10);
        assertThat(otherProbe.workers().stream().mapToLong(WorkerProbe::polls).sum()).isZero();
    }
}
