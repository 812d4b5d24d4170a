package dev.taskflight.agent.child;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Plain one-worker pools whose tasks wait in the queue: a fixed thread pool ({@code backlog-worker})
 * and a ForkJoinPool (named where it is created). Each gets {@link #TASKS} tasks at once, each of
 * which holds its worker for {@link #HOLD_MILLIS} ms, so the later ones wait tens of milliseconds.
 */
public final class QueuedTasksWorkload {

    /** Tasks submitted at once to each pool. */
    public static final int TASKS = 60;
    /** How long each task holds its worker. */
    public static final long HOLD_MILLIS = 3;

    private QueuedTasksWorkload() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService fixed = Executors.newFixedThreadPool(1, SchedulersWorkload.named("backlog-worker"));
        ForkJoinPool forkJoin = new ForkJoinPool(1);
        for (ExecutorService pool : new ExecutorService[] {fixed, forkJoin}) {
            pool.submit(() -> { }).get(); // the worker starts: the agent knows the pool from now on
            List<Future<?>> queued = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                queued.add(pool.submit(() -> SchedulersWorkload.sleep(HOLD_MILLIS)));
            }
            for (Future<?> f : queued) {
                f.get();
            }
            SchedulersWorkload.shutdown(pool);
        }
        System.out.println("done");
    }
}
