package dev.taskflight.metrics.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A minimal HTTP/1.1 endpoint that answers every {@code GET} with the registry's text exposition, on
 * one daemon thread, one connection at a time. It uses {@code java.base} only: the agent's classes
 * live on the boot class path, which cannot see the JDK's {@code com.sun.net.httpserver}.
 */
public final class ScrapeServer implements AutoCloseable {

    /** The name of the server's thread. */
    public static final String THREAD_NAME = "taskflight-metrics-http";
    /** The content type of Prometheus's text format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket socket;
    private final Supplier<String> body;

    private ScrapeServer(ServerSocket socket, Supplier<String> body) {
        this.socket = socket;
        this.body = body;
    }

    /**
     * Binds the address and starts answering.
     *
     * @param host the address to listen on, such as {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     * @param body what every {@code GET} returns
     * @return the running server, not {@code null}
     * @throws IOException if the address cannot be bound (a port in use)
     */
    public static ScrapeServer start(String host, int port, Supplier<String> body) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        ScrapeServer server = new ScrapeServer(socket, body);
        Thread thread = new Thread(server::serve, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    /** Returns the bound port. */
    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(READ_TIMEOUT_MILLIS);
                answer(client);
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                System.getLogger(ScrapeServer.class.getName()).log(System.Logger.Level.DEBUG, "scrape failed: " + e);
            }
        }
    }

    private void answer(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        String request = in.readLine();
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            // headers are read and ignored
        }
        boolean get = request != null && (request.startsWith("GET ") || request.startsWith("HEAD "));
        byte[] payload = get ? body.get().getBytes(StandardCharsets.UTF_8) : new byte[0];
        String status = get ? "200 OK" : "405 Method Not Allowed";
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: " + CONTENT_TYPE + "\r\nContent-Length: "
                + payload.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (request != null && request.startsWith("GET ")) {
            out.write(payload);
        }
        out.flush();
    }

    /** Stops answering and frees the port. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
