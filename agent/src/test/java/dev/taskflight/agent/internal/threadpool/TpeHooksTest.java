package dev.taskflight.agent.internal.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskflight.agent.internal.adapter.Weaver;
import dev.taskflight.agent.internal.pool.AgentWorker;
import dev.taskflight.agent.internal.pool.PoolWorkers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * A thread-pool worker is idle exactly while it waits for a task: {@code getTask}'s call of its queue
 * goes through {@link TpeHooks#take} and {@link TpeHooks#poll}, which take a task the queue has
 * without a park and count a wait as one. (Checking the queue before {@code getTask} raced with the
 * other workers: a worker that saw a task another worker then took waited in {@code take()} as busy.)
 */
class TpeHooksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theJdkAndTomcatGetTaskCallTheHooksOnceWoven() throws Exception {
        for (String pool : List.of(JdkThreadPoolAdapter.POOL, "org.apache.tomcat.util.threads.ThreadPoolExecutor")) {
            List<String> calls = callsInGetTask(woven(pool));
            assertThat(calls).as(pool)
                    .anyMatch(c -> c.startsWith(hook("take") + "("))
                    .anyMatch(c -> c.startsWith(hook("poll") + "("))
                    .noneMatch(c -> c.startsWith("java/util/concurrent/BlockingQueue.take")
                            || c.startsWith("java/util/concurrent/BlockingQueue.poll"));
            assertThat(callsInGetTask(original(pool))).as(pool + " unwoven")
                    .contains("java/util/concurrent/BlockingQueue.take()Ljava/lang/Object;")
                    .noneMatch(c -> c.startsWith(hook("take") + "("));
        }
    }

    @Test
    void aWorkerIsIdleWhileItWaitsForATaskAndNotBeforeOrAfter() throws Exception {
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        ThreadPoolExecutor pool = pool(queue);
        AtomicReference<AgentWorker> worker = new AtomicReference<>();
        Runnable task = () -> { };
        CompletableFuture<Object> taken = onWorkerThread(pool, queue, worker, () -> TpeHooks.take(queue));
        await().atMost(WAIT).until(() -> worker.get() != null && worker.get().probe().idleNanos() > 0);
        assertThat(worker.get().probe().parks()).isZero(); // still waiting: the park ends when the task comes
        queue.put(task);
        assertThat(taken.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(task);
        assertThat(worker.get().probe().parks()).isEqualTo(1);
        assertThat(worker.get().idle()).isFalse();
        pool.shutdownNow();
    }

    @Test
    void aTaskTheQueueHasIsTakenWithoutAPark() throws Exception {
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        ThreadPoolExecutor pool = pool(queue);
        Runnable first = () -> { };
        Runnable second = () -> { };
        queue.put(first);
        queue.put(second);
        AtomicReference<AgentWorker> worker = new AtomicReference<>();
        assertThat(onWorkerThread(pool, queue, worker, () -> List.of(TpeHooks.take(queue),
                TpeHooks.poll(queue, 1, TimeUnit.MINUTES))).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(List.of(first, second));
        assertThat(worker.get().probe().parks()).isZero();
        assertThat(worker.get().probe().idleNanos()).isZero();
        pool.shutdownNow();
    }

    @Test
    void aTimedWaitThatGetsNothingIsOnePark() throws Exception {
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        ThreadPoolExecutor pool = pool(queue);
        AtomicReference<AgentWorker> worker = new AtomicReference<>();
        assertThat(onWorkerThread(pool, queue, worker, () -> TpeHooks.poll(queue, 20, TimeUnit.MILLISECONDS))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNull();
        assertThat(worker.get().probe().parks()).isEqualTo(1);
        assertThat(worker.get().probe().idleNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        pool.shutdownNow();
    }

    @Test
    void anInterruptedWaitThrowsAsTheQueueWouldAndEndsThePark() throws Exception {
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        ThreadPoolExecutor pool = pool(queue);
        AtomicReference<AgentWorker> worker = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CompletableFuture<Object> taken = onWorkerThread(pool, queue, worker, () -> {
            thread.set(Thread.currentThread());
            try {
                return TpeHooks.take(queue);
            } catch (InterruptedException e) {
                return worker.get().idle() ? "still idle" : e;
            }
        });
        await().atMost(WAIT).until(() -> worker.get() != null && worker.get().probe().idleNanos() > 0);
        thread.get().interrupt();
        assertThat(taken.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(worker.get().probe().parks()).isEqualTo(1);
        pool.shutdownNow();
    }

    @Test
    void aThreadThatIsNoWorkerOrAQueueThatCannotBePolledFirstIsLeftAsItIs() throws Exception {
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        Runnable task = () -> { };
        queue.put(task);
        assertThat(PoolWorkers.current()).isNull();
        assertThat(TpeHooks.take(queue)).isSameAs(task);
        assertThat(TpeHooks.poll(queue, 1, TimeUnit.MILLISECONDS)).isNull();

        BlockingQueue<Runnable> unknown = new LinkedBlockingQueue<>() { }; // a subclass: its poll() may differ
        ThreadPoolExecutor pool = pool(unknown);
        unknown.put(task);
        AtomicReference<AgentWorker> worker = new AtomicReference<>();
        assertThat(onWorkerThread(pool, unknown, worker, () -> {
            boolean idleBefore = worker.get().idle(); // beforeGetTask made the whole getTask a park
            return List.of(idleBefore, TpeHooks.take(unknown));
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(List.of(true, task));
        pool.shutdownNow();
        assertThatThrownBy(() -> TpeHooks.take(new SynchronousQueue<>() {
            @Override
            public Runnable take() throws InterruptedException {
                throw new InterruptedException("the queue's own");
            }
        })).isInstanceOf(InterruptedException.class).hasMessage("the queue's own");
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static ThreadPoolExecutor pool(BlockingQueue<Runnable> queue) {
        return new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, queue);
    }

    /** Runs {@code call} on a new thread that {@code beforeGetTask} made a worker of {@code pool}. */
    private static CompletableFuture<Object> onWorkerThread(ThreadPoolExecutor pool, BlockingQueue<?> queue,
            AtomicReference<AgentWorker> worker, Call call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                AgentWorker w = TpeHooks.beforeGetTask(pool, queue);
                assertThat(w).isNotNull();
                worker.set(w);
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "tpe-hooks-test-worker");
        t.setDaemon(true);
        t.start();
        return result;
    }

    private static String hook(String name) {
        return TpeHooks.class.getName().replace('.', '/') + "." + name;
    }

    private static byte[] original(String pool) throws Exception {
        return ClassFileLocator.ForClassLoader.ofSystemLoader().locate(pool).resolve();
    }

    private static byte[] woven(String pool) {
        TypeDescription type = TypePool.Default.ofSystemLoader().describe(pool).resolve();
        DynamicType.Builder<?> builder = new ByteBuddy().redefine(type, ClassFileLocator.ForClassLoader.ofSystemLoader());
        for (Weaver.Woven w : TpeAdvice.workerLoop()) {
            if (w.visitor() != null) {
                builder = builder.visit(w.visitor());
            }
        }
        return builder.make().getBytes();
    }

    /** The methods {@code getTask()} calls, as {@code owner.name(descriptor)}. */
    private static List<String> callsInGetTask(byte[] classFile) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.equals("getTask")) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        calls.add(owner + "." + method + desc);
                    }
                };
            }
        }, 0);
        return calls;
    }
}
