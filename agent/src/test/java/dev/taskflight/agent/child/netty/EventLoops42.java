package dev.taskflight.agent.child.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * Netty 4.2's event-loop groups: {@code MultiThreadIoEventLoopGroup} with the transport's
 * {@code IoHandler} ({@code nio}, {@code epoll} or {@code io_uring}).
 */
final class EventLoops42 {

    private EventLoops42() {
    }

    static EventLoops create(String transport, int workers) {
        IoHandlerFactory handlers;
        Class<? extends ServerChannel> channel;
        switch (transport) {
            case "epoll" -> {
                handlers = EpollIoHandler.newFactory();
                channel = EpollServerSocketChannel.class;
            }
            case "io_uring" -> {
                handlers = IoUringIoHandler.newFactory();
                channel = IoUringServerSocketChannel.class;
            }
            default -> {
                handlers = NioIoHandler.newFactory();
                channel = NioServerSocketChannel.class;
            }
        }
        return new EventLoops(new MultiThreadIoEventLoopGroup(1, handlers), new MultiThreadIoEventLoopGroup(workers, handlers),
                channel);
    }

    /** Returns why the transport cannot run here (io_uring needs a kernel that allows it), or {@code null}. */
    static String unavailable(String transport) {
        return transport.equals("io_uring") && !IoUring.isAvailable() ? String.valueOf(IoUring.unavailabilityCause()) : null;
    }
}
