package dev.taskflight.benchmarks.overhead;

import dev.taskflight.recorder.TaskflightExecutors;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import kotlin.Unit;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineScopeKt;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Dispatchers;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jboss.threads.EnhancedQueueExecutor;

/**
 * The pools a benchmark runs on: the JDK's own ({@code -Dbench.pools=plain}, the default; what the
 * java agent instruments when it is attached) or the recorder library's ({@code -Dbench.pools=library}).
 */
final class Pools {

    static final boolean LIBRARY = "library".equals(System.getProperty("bench.pools", "plain"));
    static final int WORKERS = 2;

    private Pools() {
    }

    static ForkJoinPool forkJoin(String name) {
        return LIBRARY ? Library.forkJoin(name) : new ForkJoinPool(WORKERS);
    }

    static ThreadPoolExecutor threadPool(String name) {
        return LIBRARY ? Library.threadPool(name)
                : new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    /**
     * The recorder library's pools, apart so that verifying {@link Pools} loads none of the recorder's
     * classes: a JVM that plays an application ({@link SideBySide}) loads no Taskflight class unless
     * the agent is attached.
     */
    private static final class Library {

        static ForkJoinPool forkJoin(String name) {
            return TaskflightExecutors.newForkJoinPool(name, WORKERS);
        }

        static ThreadPoolExecutor threadPool(String name) {
            return TaskflightExecutors.newFixedThreadPool(name, WORKERS);
        }
    }

    /**
     * @param name the threads' name prefix
     * @return a 2-thread Tomcat connector pool, built as Tomcat's {@code AbstractEndpoint} builds it
     */
    static ExecutorService tomcat(String name) {
        TaskQueue queue = new TaskQueue();
        org.apache.tomcat.util.threads.ThreadPoolExecutor pool = new org.apache.tomcat.util.threads.ThreadPoolExecutor(
                WORKERS, WORKERS, 60, TimeUnit.SECONDS, queue, new TaskThreadFactory(name + "-exec-", true, Thread.NORM_PRIORITY));
        queue.setParent(pool);
        return pool;
    }

    /**
     * @param name the threads' name prefix
     * @return a 2-thread jboss-threads {@code EnhancedQueueExecutor}, as an XNIO worker builds it
     */
    static ExecutorService jbossThreads(String name) {
        AtomicInteger threads = new AtomicInteger();
        return new EnhancedQueueExecutor.Builder().setCorePoolSize(WORKERS).setMaximumPoolSize(WORKERS)
                .setThreadFactory(r -> new Thread(r, name + " task-" + threads.incrementAndGet()))
                .build();
    }

    /**
     * @param name the pool's name ({@code QueuedThreadPool.setName}; its threads are {@code name-N})
     * @return a started 2-thread Jetty {@code QueuedThreadPool}, as a Jetty server's request pool
     */
    static QueuedThreadPool jetty(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(WORKERS, WORKERS);
        pool.setName(name);
        pool.setReservedThreads(0); // execute() only: no thread is held back for tryExecute
        try {
            pool.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Jetty pool", e);
        }
        return pool;
    }

    /** @return a 2-loop Netty 4.2 NIO event loop group, as a Netty server's worker group */
    static EventLoopGroup netty() {
        return new MultiThreadIoEventLoopGroup(WORKERS, NioIoHandler.newFactory());
    }

    /**
     * @param group a group of {@link #netty()}
     * @return an executor that runs each task from the task queue of the group's first two loops in
     *     turn ({@code EventLoop.execute}), as a handler's {@code ctx.executor()} work or a channel
     *     write from another thread is
     */
    static Executor nettyLoops(EventLoopGroup group) {
        EventLoop[] loops = {group.next(), group.next()};
        return new Executor() {
            private int next;

            @Override
            public void execute(Runnable task) {
                loops[next++ & 1].execute(task);
            }
        };
    }

    /** @return an executor that launches each task as a coroutine of its own ({@link #launch}) */
    static Executor coroutines() {
        CoroutineScope scope = coroutineScope();
        return task -> launch(scope, task);
    }

    /**
     * Starts a coroutine on {@code Dispatchers.Default} (a Kotlin {@code CoroutineScheduler} with one
     * CPU worker per core: two here), as Kotlin code's {@code scope.launch { body() }} does.
     *
     * @param scope the scope to launch in
     * @param body the coroutine's body
     */
    static void launch(CoroutineScope scope, Runnable body) {
        BuildersKt.launch(scope, Dispatchers.getDefault(), CoroutineStart.DEFAULT, (s, continuation) -> {
            body.run();
            return Unit.INSTANCE;
        });
    }

    /** @return a scope for {@link #launch} with no job of its own to wait for */
    static CoroutineScope coroutineScope() {
        return CoroutineScopeKt.CoroutineScope(Dispatchers.getDefault());
    }

    /** @return a virtual thread per task executor, or {@code null} before JDK 21 */
    static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (Throwable notThere) {
            return null;
        }
    }

    static void close(QueuedThreadPool pool) throws Exception {
        if (pool != null) {
            pool.stop();
        }
    }

    static void close(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static void close(ExecutorService pool) throws InterruptedException {
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
