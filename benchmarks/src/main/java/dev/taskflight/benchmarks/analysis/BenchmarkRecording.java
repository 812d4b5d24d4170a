package dev.taskflight.benchmarks.analysis;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;

/**
 * Writes a large recording with a realistic mix for the analysis-speed benchmark: the JDK's
 * {@code profile} settings (execution samples, allocation samples, GC, locks, parks...) with
 * Taskflight's trace profile on top, over two pools whose workers run short tasks and park now and
 * then, with rare long polls (spinning, or blocked on a shared monitor), and the per-worker and
 * per-pool samples every 100 ms.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.taskflight.benchmarks.analysis.BenchmarkRecording [FILE] [MB]
 * </pre>
 * Defaults: {@value #DEFAULT_FILE}, {@value #DEFAULT_MEGABYTES} MB. An existing file is kept.
 */
public final class BenchmarkRecording {

    /** Where the recording goes by default: never in the repository. */
    public static final String DEFAULT_FILE = "/tmp/taskflight-analysis-benchmark.jfr";
    /** The default size. */
    public static final long DEFAULT_MEGABYTES = 1100;

    /** The two task names the polls alternate between. */
    private static final String RUNNABLE = Runnable.class.getName();
    private static final String BENCHMARK = BenchmarkRecording.class.getName();

    private static final String[] POOLS = {"bench-compute", "bench-io"};
    private static final int WORKERS_PER_POOL = 3;
    private static final Object SHARED = new Object();
    private static volatile double sink;

    private BenchmarkRecording() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : DEFAULT_FILE);
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_MEGABYTES;
        if (Files.exists(file) && Files.size(file) >= megabytes * 1024 * 1024) {
            System.out.println("keeping " + file + " (" + Files.size(file) / (1024 * 1024) + " MB)");
            return;
        }
        write(file, megabytes * 1024 * 1024);
        System.out.println("wrote " + file + " (" + Files.size(file) / (1024 * 1024) + " MB)");
    }

    static void write(Path file, long bytes) throws IOException, InterruptedException {
        Map<String, String> settings = TaskflightSettings.layered("profile", Profile.TRACE);
        try (Recording recording = new Recording(settings)) {
            recording.setToDisk(true);
            recording.start();
            AtomicBoolean stop = new AtomicBoolean();
            int workers = POOLS.length * WORKERS_PER_POOL;
            AtomicLongArray polls = new AtomicLongArray(workers);
            AtomicLongArray busy = new AtomicLongArray(workers);
            AtomicLongArray idle = new AtomicLongArray(workers);
            AtomicLongArray parks = new AtomicLongArray(workers);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int index = i;
                threads.add(new Thread(() -> work(index, stop, polls, busy, idle, parks),
                        POOLS[i / WORKERS_PER_POOL] + "-worker-" + i % WORKERS_PER_POOL));
            }
            threads.forEach(Thread::start);
            Thread sampler = new Thread(() -> sample(stop, threads, polls, busy, idle, parks), "bench-sampler");
            sampler.start();
            while (recording.getSize() < bytes) {
                LockSupport.parkNanos(200_000_000L);
                System.out.print("\r" + recording.getSize() / (1024 * 1024) + " MB");
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            sampler.join();
            recording.stop();
            recording.dump(file);
            System.out.println();
        }
    }

    private static void work(int index, AtomicBoolean stop, AtomicLongArray polls, AtomicLongArray busy,
            AtomicLongArray idle, AtomicLongArray parks) {
        String pool = POOLS[index / WORKERS_PER_POOL];
        int worker = index % WORKERS_PER_POOL;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = 0;
        while (!stop.get()) {
            long begin = System.nanoTime();
            TaskPollEvent poll = new TaskPollEvent();
            poll.begin();
            if (n % 200_000 == 199_999) {
                spin(15);
            } else if (n % 100_000 == 49_999) {
                synchronized (SHARED) {
                    spin(12);
                }
            } else {
                compute(random.nextInt(50, 400));
            }
            poll.end();
            poll.pool = pool;
            poll.worker = worker;
            poll.taskName = index % 2 == 0 ? RUNNABLE : BENCHMARK;
            poll.schedulingDelay = n % 8 == 0 ? TaskPollEvent.delayOf(random.nextLong(1_000, 2_000_000))
                    : TaskPollEvent.UNKNOWN_DELAY;
            poll.commit();
            polls.incrementAndGet(index);
            busy.addAndGet(index, System.nanoTime() - begin);
            if (++n % 64 == 0) {
                long parkBegin = System.nanoTime();
                WorkerParkEvent park = new WorkerParkEvent();
                park.begin();
                LockSupport.parkNanos(random.nextLong(10_000, 60_000));
                park.end();
                park.pool = pool;
                park.worker = worker;
                park.queuedTasks = random.nextInt(4) == 0 ? random.nextInt(1, 8) : 0;
                park.queuedAtPark = park.queuedTasks;
                park.commit();
                parks.incrementAndGet(index);
                idle.addAndGet(index, System.nanoTime() - parkBegin);
            }
        }
    }

    private static void sample(AtomicBoolean stop, List<Thread> threads, AtomicLongArray polls,
            AtomicLongArray busy, AtomicLongArray idle, AtomicLongArray parks) {
        long round = 0;
        while (!stop.get()) {
            for (int p = 0; p < POOLS.length; p++) {
                if (round % 10 == 0) {
                    PoolInfoEvent info = new PoolInfoEvent();
                    info.pool = POOLS[p];
                    info.kind = p == 0 ? PoolKinds.FORK_JOIN_POOL : PoolKinds.THREAD_POOL_EXECUTOR;
                    info.parallelism = WORKERS_PER_POOL;
                    info.instrumentation = Instrumentation.AGENT;
                    info.taskflightVersion = "benchmark";
                    info.commit();
                }
                QueueSampleEvent q = new QueueSampleEvent();
                q.pool = POOLS[p];
                q.kind = p == 0 ? PoolKinds.FORK_JOIN_POOL : PoolKinds.THREAD_POOL_EXECUTOR;
                q.parallelism = WORKERS_PER_POOL;
                q.poolSize = WORKERS_PER_POOL;
                q.activeWorkers = ThreadLocalRandom.current().nextInt(WORKERS_PER_POOL + 1);
                q.queuedTasks = ThreadLocalRandom.current().nextInt(50);
                q.queuedSubmissions = p == 0 ? ThreadLocalRandom.current().nextInt(10) : -1;
                q.steals = p == 0 ? round * 10 : -1;
                q.completedTasks = -1;
                q.commit();
            }
            for (int i = 0; i < threads.size(); i++) {
                WorkerSampleEvent w = new WorkerSampleEvent();
                w.pool = POOLS[i / WORKERS_PER_POOL];
                w.worker = i % WORKERS_PER_POOL;
                w.workerThread = threads.get(i);
                w.polls = polls.get(i);
                w.busyTime = busy.get(i);
                w.idleTime = idle.get(i);
                w.parks = parks.get(i);
                w.localQueueDepth = -1;
                w.commit();
            }
            round++;
            LockSupport.parkNanos(100_000_000L);
        }
    }

    private static void compute(int iterations) {
        double x = sink;
        for (int i = 0; i < iterations; i++) {
            x = x * 1.0000001 + 1;
        }
        sink = x;
        if (iterations % 16 == 0) {
            sink += new byte[64].length;
        }
    }

    private static void spin(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            compute(1000);
        }
    }
}
