package dev.taskflight.agent.child.netty;

import dev.taskflight.agent.child.CpuSpin;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified Netty HTTP server (4.2, or 4.1 when its jars are on the class path) on 127.0.0.1
 * whose handler blocks its event loop, with a bounded load from client threads in the same program.
 * The mode, the first argument, says how: {@code sleep} (60 ms {@code Thread.sleep} on the loop),
 * {@code spin} (40 ms on CPU on the loop), {@code offload} (the same sleep, on a
 * {@code DefaultEventExecutorGroup}) or {@code fast} (the handler answers at once). The second,
 * {@code nio} (the default), {@code epoll} or {@code io_uring} (4.2 only), is the transport. It prints only what does not depend
 * on timing or threads, so its output is the same with and without the agent.
 */
public final class NettyHttpWorkload {

    public static final long SLEEP_MILLIS = 60;
    public static final long SPIN_MILLIS = 40;
    /** Printed, with the reason, instead of serving when the transport cannot run on this machine. */
    public static final String UNAVAILABLE = "transport unavailable: ";
    static final int CLIENTS = 2;
    static final int REQUESTS_PER_CLIENT = 10;

    private static volatile long sink;

    private NettyHttpWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "sleep";
        String transport = args.length > 1 ? args[1] : "nio";
        if (transport.equals("io_uring") && EventLoops42.unavailable(transport) != null) {
            System.out.println(UNAVAILABLE + EventLoops42.unavailable(transport));
            return;
        }
        EventLoops loops = EventLoops.create(transport, 2);
        EventExecutorGroup offload = mode.equals("offload") ? new DefaultEventExecutorGroup(2) : null;
        ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            Channel server = new ServerBootstrap().group(loops.boss(), loops.workers()).channel(loops.channel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            accepted.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096));
                            if (offload != null) {
                                ch.pipeline().addLast(offload, new SlowHandler("sleep"));
                            } else {
                                ch.pipeline().addLast(new SlowHandler(mode));
                            }
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Map<String, Integer> bodies = load(port);
            System.out.println(mode + ": " + CLIENTS * REQUESTS_PER_CLIENT + " requests");
            bodies.forEach((body, count) -> System.out.println(count + " x " + body));
            server.close().sync();
            accepted.close().sync();
        } finally {
            if (offload != null) {
                offload.shutdownGracefully(100, 1000, TimeUnit.MILLISECONDS).sync();
            }
            loops.shutdown();
        }
        System.out.println("done");
    }

    /**
     * One request alone first (the loops do not then initialize the pipeline's classes at the same
     * time and block each other), then {@link #CLIENTS} threads, each sending
     * {@link #REQUESTS_PER_CLIENT} requests one after another.
     */
    private static Map<String, Integer> load(int port) throws InterruptedException {
        String warmUp = get(port, "/warm-up");
        if (!warmUp.startsWith("200 ")) {
            System.out.println("warm-up: " + warmUp);
        }
        Map<String, Integer> bodies = new ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    bodies.merge(get(port, "/work"), 1, Integer::sum);
                }
            }, "client-" + c);
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        return new TreeMap<>(bodies);
    }

    private static String get(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path)
                    .openConnection();
            connection.setReadTimeout(30_000);
            try (InputStream in = connection.getInputStream()) {
                return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "failed: " + e.getClass().getSimpleName();
        }
    }

    /** The handler that does the slow work where its pipeline runs it. */
    static final class SlowHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String mode;

        SlowHandler(String mode) {
            this.mode = mode;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
            if (mode.equals("spin")) {
                spin(SPIN_MILLIS);
            } else if (!mode.equals("fast")) {
                Thread.sleep(SLEEP_MILLIS);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("done " + request.uri(), StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(response);
        }
    }

    /** Computes for {@code millis} of wall time without blocking, in a loop JDK 17's sampler can see ({@link CpuSpin}). */
    static void spin(long millis) {
        sink = CpuSpin.forWallNanos(sink, TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
