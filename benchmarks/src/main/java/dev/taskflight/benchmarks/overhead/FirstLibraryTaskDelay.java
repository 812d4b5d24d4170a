package dev.taskflight.benchmarks.overhead;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * How long the servers' and event loops' first pools take to run their first task: from just before the
 * pool is constructed (and started, for Jetty's) to the first line of its first task, in microseconds, for a
 * Tomcat connector pool, a Jetty {@code QueuedThreadPool}, a jboss-threads {@code EnhancedQueueExecutor} and a
 * Netty NIO event loop group, in that order, in one fresh JVM. Under the agent the pool's classes are woven
 * where they are first loaded, which the first of these pays most: Byte Buddy's code is warmer for the later
 * ones. Run with {@code benchmarks/first-task.sh}
 * ({@code MAIN=dev.taskflight.benchmarks.overhead.FirstLibraryTaskDelay}).
 *
 * <p>Prints {@code tomcat-first-task-us N}, {@code jetty-first-task-us N}, {@code jboss-first-task-us N} and
 * {@code netty-first-task-us N}.
 */
public final class FirstLibraryTaskDelay {

    private FirstLibraryTaskDelay() {
    }

    public static void main(String[] args) throws Exception {
        long before = System.nanoTime();
        ExecutorService tomcat = Pools.tomcat("first");
        print("tomcat", before, firstTask(tomcat));
        tomcat.shutdown();

        before = System.nanoTime();
        QueuedThreadPool jetty = Pools.jetty("first-jetty");
        print("jetty", before, firstTask(jetty));
        jetty.stop();

        before = System.nanoTime();
        ExecutorService jboss = Pools.jbossThreads("first-jboss");
        print("jboss", before, firstTask(jboss));
        jboss.shutdown();

        before = System.nanoTime();
        EventLoopGroup netty = Pools.netty();
        print("netty", before, firstTask(netty));
        netty.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
    }

    private static long firstTask(Executor pool) throws Exception {
        CompletableFuture<Long> started = new CompletableFuture<>();
        pool.execute(() -> started.complete(System.nanoTime()));
        return started.get();
    }

    private static void print(String pool, long before, long started) {
        System.out.println(pool + "-first-task-us " + (started - before) / 1000);
    }
}
