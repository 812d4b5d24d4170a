package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

class InstrumentedForkJoinPoolTest {

    @Test
    void recursiveTasksGiveTheSameResultsAsAPlainPool() throws Exception {
        InstrumentedForkJoinPool pool = TaskflightExecutors.newForkJoinPool("fj-results", 4);
        ForkJoinPool plain = new ForkJoinPool(4);
        assertThat(pool.invoke(new Fib(20))).isEqualTo(plain.invoke(new Fib(20))).isEqualTo(6765);
        Fib task = new Fib(15);
        assertThat(pool.submit(task)).isSameAs(task);
        assertThat(task.get()).isEqualTo(610);
        assertThat(pool.submit(() -> "callable").get()).isEqualTo("callable");
        assertThat(pool.submit(() -> { }, "runnable").get()).isEqualTo("runnable");
        assertThat(pool.invokeAll(List.of(() -> 1, () -> 2))).extracting(f -> f.get()).containsExactly(1, 2);
        pool.shutdown();
        plain.shutdown();
    }

    @Test
    void exceptionsReachTheCallerAsFromAPlainPool() {
        InstrumentedForkJoinPool pool = TaskflightExecutors.newForkJoinPool("fj-throws", 2);
        ForkJoinPool plain = new ForkJoinPool(2);
        assertThat(outcomes(pool)).isEqualTo(outcomes(plain)).allSatisfy(o -> assertThat(o).contains("failing task"));
        pool.shutdown();
        plain.shutdown();
    }

    /** What a caller sees of failing tasks, by every way of submitting them. */
    private static List<String> outcomes(ForkJoinPool p) {
        List<String> seen = new java.util.ArrayList<>();
        seen.add(thrown(() -> p.invoke(new Failing())));
        seen.add(thrown(() -> p.submit(new Failing()).join()));
        seen.add(thrown(() -> p.submit(new Failing()).get()));
        seen.add(thrown(() -> p.submit(() -> {
            throw new IllegalStateException("failing task");
        }).get()));
        ForkJoinTask<Integer> executed = new Failing();
        p.execute(executed);
        seen.add(thrown(executed::join) + " abnormal=" + executed.isCompletedAbnormally());
        return seen;
    }

    private static String thrown(Callable<?> call) {
        try {
            return "returned " + call.call();
        } catch (Exception e) {
            Throwable cause = e.getCause();
            return e.getClass().getName() + ": " + e.getMessage()
                    + (cause == null ? "" : " caused by " + cause.getClass().getName() + ": " + cause.getMessage());
        }
    }

    @Test
    void aTaskSubmittedByOneWorkerAndRunByAnotherIsStolen() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.TRACE)) {
            InstrumentedForkJoinPool pool = TaskflightExecutors.newForkJoinPool("fj-steal", 2);
            CountDownLatch childRan = new CountDownLatch(1);
            pool.submit(() -> {
                // pushed onto this worker's own queue; this worker stays busy until another takes it
                pool.execute(childRan::countDown);
                InstrumentedThreadPoolExecutorTest.awaitQuietly(childRan);
            }).get(1, TimeUnit.MINUTES);

            List<RecordedEvent> polls = capture.awaitEvents(EventNames.TASK_POLL, pool.name(), l -> l.size() == 2);
            assertThat(polls).extracting(p -> p.getInt("worker")).containsExactlyInAnyOrder(0, 1);
            List<RecordedEvent> samples = capture.awaitWorkerPolls(pool.name(), 2);
            assertThat(samples).hasSize(2);
            assertThat(EventCapture.sum(samples, "steals")).isEqualTo(1);
            RecordedEvent steal = capture.awaitEvents(EventNames.TASK_STEAL, pool.name(), l -> l.size() == 1).get(0);
            // the steal is recorded on the thief's thread, just before the poll of the task it took
            RecordedEvent stolenPoll = polls.stream()
                    .filter(p -> p.getThread().getJavaThreadId() == steal.getThread().getJavaThreadId())
                    .filter(p -> !p.getStartTime().isBefore(steal.getStartTime())).findFirst().orElseThrow();
            assertThat(steal.getInt("worker")).isEqualTo(stolenPoll.getInt("worker"));
            assertThat(steal.getInt("victimQueue")).isEqualTo(1 - stolenPoll.getInt("worker"));
            assertThat(stolenPoll.hasField("stolen")).as("TaskPoll version 2 leaves steals to TaskSteal").isFalse();
            pool.shutdown();
        }
    }

    @Test
    void countersAddUpToTheTasksSubmittedAndSamplesDescribeThePool() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
            InstrumentedForkJoinPool pool = TaskflightExecutors.newForkJoinPool("fj-count", 4);
            for (int i = 0; i < 200; i++) {
                pool.execute(() -> Work.spin(Duration.ofMillis(1)));
            }
            pool.submit(() -> Work.hold(Duration.ofMillis(25))).get();
            assertThat(pool.awaitQuiescence(1, TimeUnit.MINUTES)).isTrue();

            capture.awaitWorkerPolls(pool.name(), 201);
            // production profile: only the long poll is an event
            List<RecordedEvent> polls = capture.awaitEvents(EventNames.TASK_POLL, pool.name(), l -> !l.isEmpty());
            assertThat(polls).allSatisfy(p -> assertThat(p.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(10)));
            RecordedEvent queue = capture.awaitEvents(EventNames.QUEUE_SAMPLE, pool.name(), l -> !l.isEmpty()).get(0);
            assertThat(queue.getString("kind")).isEqualTo("ForkJoinPool");
            assertThat(queue.getInt("parallelism")).isEqualTo(4);
            assertThat(queue.getLong("queuedSubmissions")).isNotNegative();
            pool.shutdown();
        }
    }

    static final class Fib extends RecursiveTask<Integer> {
        private final int n;

        Fib(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n < 2) {
                return n;
            }
            Fib left = new Fib(n - 1);
            left.fork();
            return new Fib(n - 2).compute() + left.join();
        }
    }

    static final class Failing extends RecursiveTask<Integer> {
        @Override
        protected Integer compute() {
            throw new IllegalStateException("failing task");
        }
    }
}
