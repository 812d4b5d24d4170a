package dev.taskflight.agent.child;

import dev.taskflight.recorder.TaskflightExecutors;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * ForkJoinPools made by different factories, run under the agent with no recording at first: the
 * JDK's default factory, an application factory with its own worker class, and the recorder
 * library's pool (which the agent leaves to the library). Each runs {@link #TASKS} tiny tasks
 * submitted from outside, then a recording starts, each runs one more, and the recording (with a
 * {@code WorkerSample} at its end) is dumped to the path given as the first argument, with the
 * production profile given as the second.
 */
public final class ForkJoinFactoriesWorkload {

    /** Tasks each pool runs before the recording starts. */
    public static final int TASKS = 3000;

    private ForkJoinFactoriesWorkload() {
    }

    /** An application's own worker class. */
    static final class CustomWorker extends ForkJoinWorkerThread {
        CustomWorker(ForkJoinPool pool) {
            super(pool);
            setName("custom-fj-" + getPoolIndex());
        }
    }

    public static void main(String[] args) throws Exception {
        ForkJoinPool plain = new ForkJoinPool(2);
        ForkJoinPool custom = new ForkJoinPool(2, CustomWorker::new, null, false);
        ForkJoinPool library = TaskflightExecutors.newForkJoinPool("library-fj", 2);
        for (ForkJoinPool pool : new ForkJoinPool[] {plain, custom, library}) {
            run(pool, TASKS);
        }
        Recording recording = new Recording(Configuration.create(Paths.get(args[1])));
        recording.enable("taskflight.WorkerSample").with("period", "endChunk");
        recording.start();
        for (ForkJoinPool pool : new ForkJoinPool[] {plain, custom, library}) {
            run(pool, 1);
        }
        recording.stop();
        recording.dump(Path.of(args[0]));
        for (ForkJoinPool pool : new ForkJoinPool[] {plain, custom, library}) {
            pool.shutdown();
        }
        System.out.println("done");
    }

    /** Runs tasks submitted from this thread, and returns once every worker is idle again. */
    private static void run(ForkJoinPool pool, int tasks) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            pool.execute(done::countDown);
        }
        done.await();
        if (!pool.awaitQuiescence(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("pool did not become quiescent");
        }
    }
}
