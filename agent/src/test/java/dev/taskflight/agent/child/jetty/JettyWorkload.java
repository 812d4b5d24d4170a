package dev.taskflight.agent.child.jetty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An unmodified embedded Jetty 12 server with a plain {@link Handler}, run in a child JVM under the
 * agent, and a bounded loopback client. Endpoints: {@code /spin} (about 40 ms on CPU in
 * {@link #spin}), {@code /sleep} (60 ms in {@code Thread.sleep}), {@code /monitor} (blocked on a
 * {@link Ledger} monitor another thread holds for 60 ms), {@code /fast} (answers at once).
 *
 * <p>{@code load [poolName|-]}: slow requests (2 clients), then fast ones; prints {@code pool <name>},
 * one {@code slow <kind> <id> <thread> <startMillis> <endMillis>} per slow request (from the handler)
 * and one {@code response <path> <status> <body>} per request in request order (from the client).
 *
 * <p>{@code quiet <out.jfr> <settings.jfc>...}: warms the server up until it has reserved threads,
 * waits until every connection is closed, then records (the JDK's {@code default} settings overlaid
 * with the given files): idle, fast requests one at a time {@link #QUIET_GAP_MILLIS} apart, idle.
 * Prints {@code pool <name>}, {@code reserved <n>} and {@code idle <startMillis> <endMillis>} per idle
 * window.
 */
public final class JettyWorkload {

    public static final int MIN_THREADS = 4;
    public static final int MAX_THREADS = 16;
    public static final long SPIN_MILLIS = 40;
    public static final long SLEEP_MILLIS = 60;
    public static final long MONITOR_HOLD_MILLIS = 60;
    public static final int SLOW_PER_KIND = 8;
    public static final int FAST_REQUESTS = 100;
    public static final long QUIET_GAP_MILLIS = 300;
    public static final int QUIET_FAST_REQUESTS = 8;
    public static final long IDLE_MILLIS = 2000;

    private static final Ledger LEDGER = new Ledger();
    private static final Queue<String> SLOW = new ConcurrentLinkedQueue<>();

    /** The monitor {@code /monitor} requests wait for. */
    public static final class Ledger {
        long entries;
    }

    private JettyWorkload() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("http.keepAlive", "false"); // every connection closes: a quiet server is idle
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        if (args[0].equals("load") && args.length > 1 && !args[1].equals("-")) {
            pool.setName(args[1]);
        }
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Endpoints());
        server.start();
        try {
            System.out.println("pool " + pool.getName());
            LoopbackClient client = new LoopbackClient(connector.getLocalPort());
            if (args[0].equals("load")) {
                load(client);
            } else {
                quiet(client, pool, connector, Path.of(args[1]), List.of(args).subList(2, args.length));
            }
        } finally {
            server.stop();
        }
    }

    private static void load(LoopbackClient client) throws Exception {
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_PER_KIND; i++) {
            slow.add("/spin?id=" + i);
            slow.add("/sleep?id=" + i);
            slow.add("/monitor?id=" + i);
        }
        List<String> fast = new ArrayList<>();
        for (int i = 0; i < FAST_REQUESTS; i++) {
            fast.add("/fast?id=" + i);
        }
        List<String> responses = new ArrayList<>(client.send(slow, 2));
        responses.addAll(client.send(fast, 2));
        SLOW.forEach(System.out::println);
        responses.forEach(r -> System.out.println("response " + r));
    }

    private static void quiet(LoopbackClient client, QueuedThreadPool pool, ServerConnector connector, Path out,
            List<String> settings) throws Exception {
        List<String> warmUp = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            warmUp.add("/fast?id=" + i);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        do {
            client.send(warmUp, 4);
        } while (pool.getAvailableReservedThreads() == 0 && System.currentTimeMillis() < deadline);
        while (!connector.getConnectedEndPoints().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("reserved " + pool.getAvailableReservedThreads());
        Map<String, String> merged = new ConcurrentHashMap<>(Configuration.getConfiguration("default").getSettings());
        for (String file : settings) {
            merged.putAll(Configuration.create(Path.of(file)).getSettings());
        }
        try (Recording recording = new Recording(merged)) {
            recording.setDestination(out);
            recording.start();
            idle();
            for (int i = 0; i < QUIET_FAST_REQUESTS; i++) {
                client.send(List.of("/fast?id=" + i), 1);
                Thread.sleep(QUIET_GAP_MILLIS);
            }
            idle();
            recording.stop();
        }
    }

    private static void idle() throws InterruptedException {
        long start = System.currentTimeMillis();
        Thread.sleep(IDLE_MILLIS);
        System.out.println("idle " + start + " " + System.currentTimeMillis());
    }

    /** The endpoints, a plain Jetty 12 handler (blocking). */
    static final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String id = String.valueOf(request.getHttpURI().getQuery());
            long start = System.currentTimeMillis();
            String body = switch (path) {
                case "/spin" -> "spun " + spin(SPIN_MILLIS) + " " + id;
                case "/sleep" -> sleep() + " " + id;
                case "/monitor" -> waitForLedger() + " " + id;
                case "/fast" -> "fast " + id;
                default -> null;
            };
            if (body == null) {
                return false;
            }
            if (!path.equals("/fast")) {
                SLOW.add("slow " + path.substring(1) + " " + id + " " + Thread.currentThread().getName() + " " + start
                        + " " + System.currentTimeMillis());
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }

    /** Keeps the CPU busy for about {@code millis}; returns a value that does not depend on the speed. */
    static String spin(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long x = 17;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x != 0 ? "ok" : "zero";
    }

    static String sleep() throws InterruptedException {
        Thread.sleep(SLEEP_MILLIS);
        return "slept";
    }

    /** Blocks on {@link #LEDGER} while another thread holds it for {@link #MONITOR_HOLD_MILLIS}. */
    static String waitForLedger() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (LEDGER) {
                held.countDown();
                try {
                    Thread.sleep(MONITOR_HOLD_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "ledger-holder");
        holder.start();
        held.await();
        synchronized (LEDGER) {
            LEDGER.entries++;
        }
        holder.join();
        return "entered";
    }

    /** Sorts a client's responses back into request order. */
    static List<String> inOrder(Map<Integer, String> byIndex, int n) {
        List<String> result = new ArrayList<>(Collections.nCopies(n, "no response"));
        byIndex.forEach(result::set);
        return result;
    }
}
