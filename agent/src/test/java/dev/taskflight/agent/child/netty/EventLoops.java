package dev.taskflight.agent.child.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.util.concurrent.TimeUnit;

/**
 * The boss and worker event-loop groups of a server, for one transport ({@code nio} or
 * {@code epoll}), built with the API of the Netty line on the class path: 4.2's
 * {@code MultiThreadIoEventLoopGroup} with an {@code IoHandler} factory, or 4.1's transport groups.
 */
record EventLoops(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> channel) {

    static EventLoops create(String transport, int workers) {
        boolean netty42;
        try {
            Class.forName("io.netty.channel.IoHandlerFactory");
            netty42 = true;
        } catch (ClassNotFoundException e) {
            netty42 = false;
        }
        return netty42 ? EventLoops42.create(transport, workers) : EventLoops41.create(transport, workers);
    }

    void shutdown() throws InterruptedException {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
