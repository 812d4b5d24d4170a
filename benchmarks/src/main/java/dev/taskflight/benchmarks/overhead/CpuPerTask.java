package dev.taskflight.benchmarks.overhead;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time the whole JVM spends per task of {@link OverheadBenchmark}'s workloads (its process
 * CPU time over the tasks run): the cost of a task in CPU, which the machine's other load does not
 * inflate the way it inflates wall-clock throughput. Run in one JVM per configuration (with or
 * without the agent, as {@code benchmarks/configs.sh}); on a saturated machine a configuration's
 * throughput loss is its increase in CPU per task.
 *
 * <p>{@code java -cp benchmarks.jar dev.taskflight.benchmarks.overhead.CpuPerTask [workload...]}
 * prints, per workload, the median, lowest and highest of {@value #ROUNDS} one-second rounds, in ns per
 * task, and the Java threads' share of it by thread name (the JIT's and GC's threads are not Java
 * threads: they are the difference). Every workload is warmed up first ({@value #WARM_UP_SECONDS} s
 * each), so that a young JVM's compilation does not land on the first one measured.
 */
public final class CpuPerTask {

    static final int ROUNDS = 7;
    static final int WARM_UP_SECONDS = 6;

    /** One batch of a workload: its benchmark method and the tasks it runs. */
    private record Batch(Run run, int tasks) {
    }

    private interface Run {
        void run() throws Exception;
    }

    private CpuPerTask() {
    }

    /** @return CPU time so far of each live thread, summed by name without its digits */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
            }
        }
        return byName;
    }

    /** Prints the threads' CPU time per task over the measured rounds, by thread name, largest first. */
    private static void printByThread(String workload, Map<String, Long> before, Map<String, Long> after, long tasks) {
        StringBuilder line = new StringBuilder("  by thread, ns per task:");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s=%.0f", e.getKey(), (double) e.getValue() / tasks)));
        System.out.println(line);
    }

    public static void main(String[] args) throws Exception {
        OverheadBenchmark b = new OverheadBenchmark();
        b.start();
        Map<String, Batch> batches = new LinkedHashMap<>();
        batches.put("tomcatRequests", new Batch(b::tomcatRequests, OverheadBenchmark.REQUEST_BATCH));
        batches.put("jettyRequests", new Batch(b::jettyRequests, OverheadBenchmark.REQUEST_BATCH));
        batches.put("jbossThreadsRequests", new Batch(b::jbossThreadsRequests, OverheadBenchmark.REQUEST_BATCH));
        batches.put("nettyLoopTasks", new Batch(b::nettyLoopTasks, OverheadBenchmark.LOOP_BATCH));
        batches.put("coroutineTasks", new Batch(b::coroutineTasks, OverheadBenchmark.LOOP_BATCH));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> names = args.length > 0 ? List.of(args) : List.copyOf(batches.keySet());
        try {
            for (String name : names) { // every workload first: the JIT compiles them all before any is measured
                Batch batch = batches.get(name);
                if (batch == null) {
                    throw new IllegalArgumentException("no workload " + name + ": one of " + batches.keySet());
                }
                long warmEnd = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
                while (System.nanoTime() < warmEnd) {
                    batch.run().run();
                }
            }
            for (String name : names) {
                Batch batch = batches.get(name);
                double[] perTask = new double[ROUNDS];
                Map<String, Long> threadsBefore = threadCpu();
                long allTasks = 0;
                for (int r = 0; r < ROUNDS; r++) {
                    long cpu = os.getProcessCpuTime();
                    long tasks = 0;
                    long end = System.nanoTime() + 1_000_000_000L;
                    while (System.nanoTime() < end) {
                        batch.run().run();
                        tasks += batch.tasks();
                    }
                    perTask[r] = (double) (os.getProcessCpuTime() - cpu) / tasks;
                    allTasks += tasks;
                }
                Arrays.sort(perTask);
                System.out.printf(Locale.ROOT, "%s %.0f %.0f %.0f%n", name, perTask[ROUNDS / 2], perTask[0], perTask[ROUNDS - 1]);
                printByThread(name, threadsBefore, threadCpu(), allTasks);
            }
        } finally {
            b.stop();
        }
    }
}
