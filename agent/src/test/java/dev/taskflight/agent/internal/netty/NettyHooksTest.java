package dev.taskflight.agent.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a Netty group is named from its threads. */
class NettyHooksTest {

    @ParameterizedTest
    @CsvSource({
        "nioEventLoopGroup-2-1, nioEventLoopGroup-2",
        "multiThreadIoEventLoopGroup-3-12, multiThreadIoEventLoopGroup-3",
        "defaultEventExecutorGroup-4-2, defaultEventExecutorGroup-4",
        "http-worker-7, http-worker",
        "loop, loop"})
    void aGroupIsNamedByItsThreadsWithoutTheThreadNumber(String thread, String pool) {
        assertThat(NettyHooks.poolName(thread)).isEqualTo(pool);
    }
}
