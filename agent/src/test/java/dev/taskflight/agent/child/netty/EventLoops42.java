package dev.taskflight.agent.child.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Netty 4.2's event-loop groups: {@code MultiThreadIoEventLoopGroup} with the transport's {@code IoHandler}. */
final class EventLoops42 {

    private EventLoops42() {
    }

    static EventLoops create(String transport, int workers) {
        boolean epoll = transport.equals("epoll");
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new EventLoops(new MultiThreadIoEventLoopGroup(1, handlers), new MultiThreadIoEventLoopGroup(workers, handlers),
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
    }
}
