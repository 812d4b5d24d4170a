package dev.taskflight.agent.child.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs 100 tasks on whatever {@code org.jboss.threads.EnhancedQueueExecutor} is on the class path,
 * built by its no-argument constructor (the test gives it one whose internals the agent does not
 * know), and prints the sum of their results.
 */
public final class UnknownExecutorVersion {

    private UnknownExecutorVersion() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = (ExecutorService) Class.forName("org.jboss.threads.EnhancedQueueExecutor")
                .getConstructor().newInstance();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            results.add(pool.submit(() -> n));
        }
        long sum = 0;
        for (Future<Integer> f : results) {
            sum += f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("sum " + sum);
    }
}
