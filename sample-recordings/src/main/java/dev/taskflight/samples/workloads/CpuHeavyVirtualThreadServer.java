package dev.taskflight.samples.workloads;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What is wrong: an HTTP server ({@code com.sun.net.httpserver}, on loopback) handles every request on
 * its own virtual thread, and its handler computes for 30 ms without ever blocking, so each request
 * holds a carrier thread for the whole computation and the other virtual threads wait for a carrier.
 * A client in the same program keeps 32 requests in flight.
 *
 * <p>What the analysis should say: long polls (virtual-thread mounts of 30 ms or more) on the
 * virtual-thread scheduler's carriers, with {@code render} among the top frames, and scheduling
 * delay for the virtual threads. Needs JDK 21 or later.
 */
public final class CpuHeavyVirtualThreadServer {

    private CpuHeavyVirtualThreadServer() {
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if the server cannot start or the JDK has no virtual threads
     */
    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 21) {
            System.err.println("cpu-heavy-virtual-thread-server: needs JDK 21 or later, this is " + Runtime.version());
            return;
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService perRequest = virtualThreadPerTaskExecutor();
        server.setExecutor(perRequest);
        server.createContext("/render", CpuHeavyVirtualThreadServer::handle);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/render");
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + Workloads.runTime().toNanos();
        int requests = 0;
        try {
            while (System.nanoTime() < end) {
                List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    inFlight.add(client.sendAsync(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).join();
                requests += inFlight.size();
            }
        } finally {
            server.stop(0);
            perRequest.shutdown();
            perRequest.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.out.println("cpu-heavy-virtual-thread-server: " + requests + " requests");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        byte[] body = ("rendered " + render() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The CPU-heavy part of a request: 30 ms of computation that never blocks. */
    static long render() {
        return Workloads.burnCpu(TimeUnit.MILLISECONDS.toNanos(30));
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, reached reflectively: this module targets 17. */
    static ExecutorService virtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later, this is "
                    + Runtime.version(), e);
        }
    }
}
