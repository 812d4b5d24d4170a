package dev.taskflight.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PoolNamesTest {

    @ParameterizedTest
    @CsvSource({"orders-worker-3, orders-worker", "http_7, http", "ingest #12, ingest", "db-pool-1-2, db-pool"})
    void aThreadNameWithoutItsWorkerNumberNamesThePool(String thread, String pool) {
        assertThat(PoolNames.fromThreadName(thread)).contains(pool);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool-3-thread-1", "ForkJoinPool-2-worker-5", "17"})
    void theJdkDefaultNamesSayNothingStable(String thread) {
        assertThat(PoolNames.fromThreadName(thread)).isEmpty();
    }
}
