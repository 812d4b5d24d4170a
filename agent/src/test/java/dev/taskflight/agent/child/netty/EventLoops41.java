package dev.taskflight.agent.child.netty;

import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Netty 4.1's event-loop groups: {@code NioEventLoopGroup} or {@code EpollEventLoopGroup}. */
@SuppressWarnings("deprecation") // 4.2 deprecates the 4.1 groups; this class runs on 4.1
final class EventLoops41 {

    private EventLoops41() {
    }

    static EventLoops create(String transport, int workers) {
        if (transport.equals("epoll")) {
            return new EventLoops(new EpollEventLoopGroup(1), new EpollEventLoopGroup(workers), EpollServerSocketChannel.class);
        }
        return new EventLoops(new NioEventLoopGroup(1), new NioEventLoopGroup(workers), NioServerSocketChannel.class);
    }
}
