package dev.taskflight.agent.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.epoll.EpollEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUringIoHandler;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * The Netty adapter's shapes against the Netty 4.2 on the test class path (4.1's are checked by
 * {@code NettyTransportsIT}, whose servers run on 4.1's jars): 4.2's loops and handlers fit, and 4.2's
 * {@code NioEventLoop} and {@code EpollEventLoop}, which keep 4.1's names, are recognised as 4.2 loops
 * and never taken for 4.1's.
 */
class NettyAdapterTest {

    @Test
    void netty42sLoopAndHandlersHaveWhatTheHooksNeed() {
        assertThat(NettyAdapter.LOOP_42.missing(type(SingleThreadIoEventLoop.class))).isEmpty();
        assertThat(NettyAdapter.NIO_42.missing(type(NioIoHandler.class))).isEmpty();
        assertThat(NettyAdapter.EPOLL_42.missing(type(EpollIoHandler.class))).isEmpty();
        assertThat(NettyAdapter.IO_URING_42.missing(type(IoUringIoHandler.class))).isEmpty();
    }

    @Test
    void netty42sLoopsWithNetty41sNamesAreTakenForWhatTheyAre() {
        assertThat(NettyAdapter.NIO_LOOP_42.missing(type(NioEventLoop.class))).isEmpty();
        assertThat(NettyAdapter.EPOLL_LOOP_42.missing(type(EpollEventLoop.class))).isEmpty();
        assertThat(NettyAdapter.NIO_LOOP_41.missing(type(NioEventLoop.class))).isNotEmpty();
        assertThat(NettyAdapter.EPOLL_LOOP_41.missing(type(EpollEventLoop.class))).isNotEmpty();
    }

    @Test
    void eachShapeDescribesTheClassOfItsName() {
        assertThat(NettyAdapter.NIO_LOOP_41.typeName()).isEqualTo(NioEventLoop.class.getName());
        assertThat(NettyAdapter.EPOLL_LOOP_41.typeName()).isEqualTo(EpollEventLoop.class.getName());
        assertThat(NettyAdapter.EPOLL_42.typeName()).isEqualTo(EpollIoHandler.class.getName());
    }

    private static TypeDescription type(Class<?> c) {
        return TypeDescription.ForLoadedType.of(c);
    }
}
