package dev.taskflight.analysis.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadGroupAggregatorTest {

    @ParameterizedTest
    @CsvSource({"ForkJoinPool-1-worker-3,ForkJoinPool-1", "ForkJoinPool.commonPool-worker-12,ForkJoinPool.commonPool",
        "pool-2-thread-1,pool-2"})
    void jdkPoolThreadsAreGroupedByTheirNames(String thread, String pool) {
        assertThat(ThreadGroupAggregator.poolOfThreadName(thread)).isEqualTo(pool);
    }

    @Test
    void otherThreadsAreNotPoolThreads() {
        assertThat(ThreadGroupAggregator.poolOfThreadName("main")).isNull();
        assertThat(ThreadGroupAggregator.poolOfThreadName("http-nio-8080-exec-1")).isNull();
    }

    @Test
    void taskflightWorkersAreGroupedByTheirPool() {
        ThreadDirectory directory = new ThreadDirectory();
        directory.put(5, new WorkerKey("compute", 0));
        ThreadGroupAggregator a = new ThreadGroupAggregator(directory);
        a.park(5, "whatever", 1000, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject");
        a.cpu(5, "whatever", "a.B.c");
        a.cpu(6, "main", "a.B.c");
        assertThat(a.reports()).singleElement().satisfies(g -> {
            assertThat(g.group()).isEqualTo("compute");
            assertThat(g.taskflightPool()).isTrue();
            assertThat(g.parks()).isEqualTo(1);
            assertThat(g.cpuSamples()).isEqualTo(1);
        });
    }
}
