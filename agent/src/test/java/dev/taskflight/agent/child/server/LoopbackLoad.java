package dev.taskflight.agent.child.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded load on a server at 127.0.0.1, one request at a time: {@link #ROUNDS} rounds of the slow
 * endpoints on one port, then {@link #FAST_REQUESTS} fast requests on another, each on its own
 * connection. Every connection has time-outs, so the load ends whatever the server does.
 */
public final class LoopbackLoad {

    /** How many times each slow endpoint is asked. */
    public static final int ROUNDS = 6;
    /** How many fast requests are sent. */
    public static final int FAST_REQUESTS = 60;
    private static final int TIMEOUT_MILLIS = 20_000;

    private LoopbackLoad() {
    }

    /**
     * Sends the whole load.
     *
     * @param slowPort the port serving the slow endpoints
     * @param fastPort the port serving the fast endpoint
     * @return one line per request, in the order sent: {@code response <path> <status> <type> <body>}
     */
    public static List<String> run(int slowPort, int fastPort) throws IOException {
        List<String> responses = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String endpoint : ServerWork.SLOW) {
                responses.add(get(slowPort, "/" + endpoint + "?i=" + round));
            }
        }
        for (int i = 0; i < FAST_REQUESTS; i++) {
            responses.add(get(fastPort, "/" + ServerWork.FAST + "?i=" + i));
        }
        return responses;
    }

    static String get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http", "127.0.0.1", port, path).openConnection();
        c.setConnectTimeout(TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        // A new connection per request: on a kept-alive connection a server may serve the next request
        // in the same task run (one poll for two requests) when it arrives quickly enough.
        c.setRequestProperty("Connection", "close");
        int status = c.getResponseCode();
        String body;
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return "response " + path + " " + status + " " + c.getContentType() + " " + body.strip();
    }

    /**
     * Prints the ports, the responses and the served lines, as the integration tests read them.
     *
     * @param slowPort the slow endpoints' port
     * @param fastPort the fast endpoint's port
     * @param responses what {@link #run} returned
     */
    public static void report(int slowPort, int fastPort, List<String> responses) {
        StringBuilder out = new StringBuilder();
        out.append("ports ").append(slowPort).append(' ').append(fastPort).append('\n');
        responses.forEach(r -> out.append(r).append('\n'));
        ServerWork.served().forEach(s -> out.append(s).append('\n'));
        System.out.print(out);
        System.out.flush();
    }
}
