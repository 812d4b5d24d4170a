package dev.taskflight.agent.child.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A bounded HTTP client on plain threads (no pool of its own), to 127.0.0.1 only. */
final class LoopbackClient {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final int port;

    LoopbackClient(int port) {
        this.port = port;
    }

    /**
     * Sends every request once, from {@code clients} threads taking the next request in turn.
     *
     * @return {@code <path> <status> <body>} per request, in request order
     */
    List<String> send(List<String> paths, int clients) throws InterruptedException {
        Map<Integer, String> responses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < paths.size(); i = next.getAndIncrement()) {
                    responses.put(i, paths.get(i) + " " + get(paths.get(i)));
                }
            }, "loopback-client-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return JettyWorkload.inOrder(responses, paths.size());
    }

    private String get(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            c.setReadTimeout(READ_TIMEOUT_MILLIS);
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                return status + " " + (in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return "failed " + e.getClass().getSimpleName();
        }
    }
}
