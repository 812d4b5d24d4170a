package dev.taskflight.benchmarks.overhead;

import java.util.concurrent.CompletableFuture;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.Dispatchers;

/**
 * How long a JVM's first coroutine task waits: from just before the program first touches
 * {@code Dispatchers.Default} (which creates Kotlin's {@code CoroutineScheduler}) to the first line of a
 * task dispatched to it, in microseconds. Kotlin's scheduler and its worker class are loaded there, and under
 * the agent woven there unless the agent has loaded them already, and the scheduler's first worker starts;
 * so it is measured in a fresh JVM each time, with {@code benchmarks/first-task.sh}
 * ({@code MAIN=dev.taskflight.benchmarks.overhead.FirstCoroutineDelay}).
 *
 * <p>Prints {@code coroutine-first-task-us N}.
 */
public final class FirstCoroutineDelay {

    private FirstCoroutineDelay() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<Long> started = new CompletableFuture<>();
        Runnable task = () -> started.complete(System.nanoTime());
        long before = System.nanoTime();
        CoroutineDispatcher dispatcher = Dispatchers.getDefault();
        dispatcher.dispatch(EmptyCoroutineContext.INSTANCE, task);
        System.out.println("coroutine-first-task-us " + (started.get() - before) / 1000);
    }
}
