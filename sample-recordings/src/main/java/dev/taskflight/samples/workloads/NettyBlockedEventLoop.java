package dev.taskflight.samples.workloads;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What is wrong: a Netty 4.2 HTTP server (two NIO event loops, on loopback) whose handler asks a
 * slow backend for a price with a blocking socket call, right on the event loop. The backend (a
 * plain {@code ServerSocket} in the same program) answers after 30 ms, so every request holds its
 * loop 30 ms and every other channel of that loop waits. Four client threads keep a request each in
 * flight.
 *
 * <p>What the analysis should say: a critical blocked event loop on the worker loop group, caused by
 * socket reads, and critical long polls there with the same cause.
 */
public final class NettyBlockedEventLoop {

    private static final long BACKEND_MILLIS = 30;
    private static final int CLIENTS = 4;

    private NettyBlockedEventLoop() {
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if a server cannot start
     */
    public static void main(String[] args) throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serveBackend(backend), "price-backend");
            acceptor.setDaemon(true);
            acceptor.start();
            int requests = serve(backend.getLocalPort());
            System.out.println("netty-blocked-event-loop: " + requests + " requests");
        }
    }

    private static int serve(int backendPort) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            Channel server = new ServerBootstrap().group(boss, loops).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            accepted.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096),
                                    new PriceHandler(backendPort));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int requests = load(((InetSocketAddress) server.localAddress()).getPort());
            server.close().sync();
            accepted.close().sync();
            return requests;
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * One request alone (the server's classes load before the clients come), then {@link #CLIENTS}
     * threads sending requests one after another for the workload's run time.
     */
    private static int load(int port) throws InterruptedException {
        get(port);
        long end = System.nanoTime() + Workloads.runTime().toNanos();
        AtomicInteger requests = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    get(port);
                    requests.incrementAndGet();
                }
            }, "client-" + c);
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        return requests.get();
    }

    private static void get(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/price").openConnection();
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
        } catch (IOException e) {
            System.err.println("netty-blocked-event-loop: request failed: " + e);
        }
    }

    /** The mistake: a blocking call to the backend inside the handler, on the event loop. */
    static final class PriceHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final int backendPort;
        private Socket backend;

        PriceHandler(int backendPort) {
            this.backendPort = backendPort;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
            String price = askBackend();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(price + "\n", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(response);
        }

        private String askBackend() throws IOException {
            if (backend == null) {
                backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            }
            OutputStream out = backend.getOutputStream();
            out.write("price?\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder line = new StringBuilder();
            InputStream in = backend.getInputStream();
            for (int b = in.read(); b != '\n' && b != -1; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (backend != null) {
                backend.close();
            }
            super.channelInactive(ctx);
        }
    }

    /** The slow backend: a thread per connection answering each line after {@link #BACKEND_MILLIS}. */
    private static void serveBackend(ServerSocket backend) {
        while (!backend.isClosed()) {
            try {
                Socket s = backend.accept();
                Thread t = new Thread(() -> answer(s), "price-backend-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Workloads.pause(TimeUnit.MILLISECONDS.toNanos(BACKEND_MILLIS));
                out.println("42.00");
            }
        } catch (IOException e) {
            // the server closed the connection
        }
    }
}
