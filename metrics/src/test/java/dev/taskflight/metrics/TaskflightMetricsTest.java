package dev.taskflight.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.analysis.fixtures.Emit;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The binder as a Spring Boot bean uses it, in this JVM: binding it to a registry starts the
 * in-process stream, and a pool whose workers this JVM samples appears in the registry with the polls
 * its counters show.
 */
class TaskflightMetricsTest {

    private static final String POOL = "metrics-in-process-test";

    private long polls;

    @Test
    void bindingStartsTheInProcessStreamAndThePoolsMetersFollowItsCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TaskflightMetrics metrics = new TaskflightMetrics(MetricsOptions.DEFAULT.withInterval(Duration.ofMillis(200)))) {
            metrics.bindTo(registry);
            assertThat(metrics.start()).as("the stream runs after the first bind").isTrue();
            // Samples keep event time moving, so intervals keep closing.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                sample();
                return completed(registry) > 0;
            });
        }
        assertThat(completed(registry)).isPositive().isLessThanOrEqualTo(polls);
        assertThat(registry.find(MeterNames.BUSY_RATIO).tag(MeterNames.EXECUTOR_NAME, POOL).gauge()).isNotNull();
    }

    @Test
    void aClosedBinderStartsNoStream() {
        TaskflightMetrics metrics = new TaskflightMetrics(MetricsOptions.DEFAULT);
        metrics.close();
        metrics.bindTo(new SimpleMeterRegistry());
        assertThat(metrics.start()).isFalse();
    }

    private static double completed(SimpleMeterRegistry registry) {
        FunctionCounter c = Search.in(registry).name(MeterNames.TASK_COMPLETED).tag(MeterNames.EXECUTOR_NAME, POOL)
                .functionCounter();
        return c == null ? 0 : c.count();
    }

    private void sample() {
        polls++;
        Emit.workerSample(POOL, 0, Thread.currentThread(), polls, polls, 3 * polls, polls, 0);
    }
}
