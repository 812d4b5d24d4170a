package dev.taskflight.agent.child.server;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.List;

/**
 * Two embedded Undertow servers on 127.0.0.1, each with its own XNIO worker (and so its own
 * {@code EnhancedQueueExecutor}): the first serves {@link LoopbackLoad}'s slow requests, the second
 * its fast ones, on the worker pool ({@link BlockingHandler}), as a servlet would. Prints what
 * {@link LoopbackLoad#report} prints, then stops.
 */
public final class UndertowServer {

    /** Each worker pool's core and maximum size. */
    public static final int WORKER_THREADS = 8;

    private UndertowServer() {
    }

    /** Serves every path with {@link ServerWork#handle}. */
    static final class WorkHandler implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            Deque<String> index = exchange.getQueryParameters().get("i");
            String body = ServerWork.handle(exchange.getRelativePath().substring(1),
                    index == null ? null : index.peekFirst());
            if (body == null) {
                exchange.setStatusCode(StatusCodes.NOT_FOUND);
                return;
            }
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain;charset=UTF-8");
            exchange.getResponseSender().send(body);
        }
    }

    public static void main(String[] args) throws Exception {
        Undertow slow = server();
        Undertow fast = server();
        slow.start();
        fast.start();
        try {
            int slowPort = port(slow);
            int fastPort = port(fast);
            List<String> responses = LoopbackLoad.run(slowPort, fastPort);
            LoopbackLoad.report(slowPort, fastPort, responses);
        } finally {
            slow.stop();
            fast.stop();
        }
    }

    static Undertow server() {
        return Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setWorkerThreads(WORKER_THREADS)
                .setHandler(new BlockingHandler(new WorkHandler()))
                .build();
    }

    static int port(Undertow server) {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }
}
