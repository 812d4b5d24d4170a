package dev.taskflight.agent.child.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Tomcat 11, Jetty 12, Undertow and two Netty 4.2 HTTP servers, embedded and serving {@link ServerWork} (one
 * Netty server on its event loop, as a handler that blocks it would, the other on a
 * {@code DefaultEventExecutorGroup}, off the loops), whose request pools and event loops are busy before
 * the Taskflight agent is attached: the child of a test that attaches it while they run. Serves
 * {@link #WARM_UP_REQUESTS} fast requests on each server (their workers start, and their loops are
 * compiled), starts a recording as {@code jfr-analyze attach} does (after the servers' threads: the JDK's
 * settings with Taskflight's on top, and every class load, written to the first argument's path when it
 * stops; the second names
 * Taskflight's {@code .jfc}), prints {@code ready}, and waits for a line on stdin (the agent is attached
 * meanwhile). Then
 * serves {@link #ROUNDS} rounds of the slow endpoints and {@link #FAST_REQUESTS} fast requests on each,
 * prints {@code server <name> <port>} lines, the responses and {@link ServerWork#served()}, then
 * {@code done}, and stops when stdin closes.
 */
public final class LateAttachServers {

    /** Fast requests on each server before the attach. */
    public static final int WARM_UP_REQUESTS = 300;
    /** Rounds of the slow endpoints on each server after the attach. */
    public static final int ROUNDS = 2;
    /** Fast requests on each server after the attach. */
    public static final int FAST_REQUESTS = 20;
    /** The servers, by the name the lines give them. */
    public static final List<String> SERVERS = List.of("tomcat", "jetty", "undertow", "netty", "netty-executor");

    private LateAttachServers() {
    }

    /** Serves every path with {@link ServerWork#handle}, on Jetty's request pool. */
    static final class JettyEndpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Fields query = Request.extractQueryParameters(request);
            String body = ServerWork.handle(Request.getPathInContext(request).substring(1), query.getValue("i"));
            if (body == null) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            response.getHeaders().put("Content-Type", "text/plain;charset=UTF-8");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /** Serves every path with {@link ServerWork#handle} on the event loop, one request per connection. */
    static final class NettyEndpoints extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            List<String> index = uri.parameters().get("i");
            String body = ServerWork.handle(uri.path().substring(1), index == null ? null : index.get(0));
            FullHttpResponse response = body == null
                    ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND)
                    : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            // else the JDK's client may send its next request on this connection as it closes (the close is
            // the event loop's, after a handler on an executor wrote), and then silently send it again
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Starts a recording with the JDK's default settings and Taskflight's {@code .jfc} on top, to {@code jfr},
     * and every class load, to show on which threads the agent's classes are loaded.
     */
    private static Recording record(Path jfr, Path taskflightSettings) throws Exception {
        Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("default").getSettings());
        settings.putAll(Configuration.create(taskflightSettings).getSettings());
        settings.put("jdk.ClassLoad#enabled", "true");
        settings.put("jdk.ClassLoad#threshold", "0 ms");
        Recording recording = new Recording(settings);
        recording.setDestination(jfr);
        recording.start();
        return recording;
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = TomcatServer.connector();
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "work", new TomcatServer.WorkServlet());
        context.addServletMappingDecoded("/*", "work");
        tomcat.start();

        Server jetty = new Server(new QueuedThreadPool(8, 4));
        ServerConnector jettyConnector = new ServerConnector(jetty);
        jettyConnector.setHost("127.0.0.1");
        jetty.addConnector(jettyConnector);
        jetty.setHandler(new JettyEndpoints());
        jetty.start();

        Undertow undertow = UndertowServer.server();
        undertow.start();
        EventLoopGroup nettyAcceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup nettyLoops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Channel netty = new ServerBootstrap().group(nettyAcceptor, nettyLoops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                                new NettyEndpoints());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        // the handler that may block on a DefaultEventExecutorGroup, off the event loops, as Netty advises
        EventExecutorGroup nettyExecutors = new DefaultEventExecutorGroup(2);
        Channel nettyExecutor = new ServerBootstrap().group(nettyAcceptor, nettyLoops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536));
                        channel.pipeline().addLast(nettyExecutors, new NettyEndpoints());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("tomcat", connector.getLocalPort());
        ports.put("jetty", jettyConnector.getLocalPort());
        ports.put("undertow", UndertowServer.port(undertow));
        ports.put("netty", ((InetSocketAddress) netty.localAddress()).getPort());
        ports.put("netty-executor", ((InetSocketAddress) nettyExecutor.localAddress()).getPort());
        Recording recording = null;
        try {
            for (int port : ports.values()) {
                for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                    LoopbackLoad.get(port, "/" + ServerWork.FAST + "?i=warm" + i);
                }
            }
            ServerWork.served().clear();
            recording = record(Path.of(args[0]), Path.of(args[1]));
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            in.readLine();

            List<String> responses = new ArrayList<>();
            for (int port : ports.values()) {
                for (int round = 0; round < ROUNDS; round++) {
                    for (String endpoint : ServerWork.SLOW) {
                        responses.add(LoopbackLoad.get(port, "/" + endpoint + "?i=" + round));
                    }
                }
                for (int i = 0; i < FAST_REQUESTS; i++) {
                    responses.add(LoopbackLoad.get(port, "/" + ServerWork.FAST + "?i=" + i));
                }
            }
            StringBuilder out = new StringBuilder();
            ports.forEach((name, port) -> out.append("server ").append(name).append(' ').append(port).append('\n'));
            responses.forEach(r -> out.append(r).append('\n'));
            ServerWork.served().forEach(s -> out.append(s).append('\n'));
            out.append("done\n");
            System.out.print(out);
            System.out.flush();
            while (in.readLine() != null) {
                // until the test closes stdin
            }
        } finally {
            if (recording != null) {
                recording.stop(); // writes it
                recording.close();
            }
            netty.close().sync();
            nettyExecutor.close().sync();
            nettyExecutors.shutdownGracefully().sync();
            nettyLoops.shutdownGracefully().sync();
            nettyAcceptor.shutdownGracefully().sync();
            undertow.stop();
            jetty.stop();
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
