package dev.taskflight.samples.workloads;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * What is wrong: an embedded Tomcat 11 serves a cheap {@code /quote} endpoint and a {@code /report}
 * endpoint that rebuilds a shared {@link ReportCache} inside a {@code synchronized} method, computing
 * 25 ms while it holds the monitor. Six clients in the same program (plain threads, 127.0.0.1 only)
 * ask for a report every fourth request, so report requests queue on the monitor on Tomcat's
 * request threads.
 *
 * <p>What the analysis should say: critical long polls on the connector's pool
 * ({@code http-nio-127.0.0.1-auto-1-exec}, kind {@code TomcatThreadPoolExecutor}), caused by contended
 * monitor enters on {@code TomcatSlowEndpoint$ReportCache}, and on CPU in {@code Workloads.burnCpu}
 * for the request holding it. Tomcat's jar must be on the class path (see {@code record-all.sh}).
 */
public final class TomcatSlowEndpoint {

    private static final int CLIENTS = 6;
    private static final int TIMEOUT_MILLIS = 20_000;

    private TomcatSlowEndpoint() {
    }

    /** The one object every report request locks. */
    static final class ReportCache {
        private long version;

        synchronized long refresh() {
            version++;
            Workloads.burnCpu(TimeUnit.MILLISECONDS.toNanos(25));
            return version;
        }
    }

    /** {@code /quote} answers at once; {@code /report} refreshes the shared cache. */
    static final class ShopServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient ReportCache cache = new ReportCache();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            if ("/report".equals(req.getPathInfo())) {
                resp.getWriter().write("report " + cache.refresh() + "\n");
            } else {
                resp.getWriter().write("quote " + Long.toHexString(Workloads.burnCpu(100_000)) + "\n");
            }
        }
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if the server cannot start or a client fails
     */
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "shop", new ShopServlet());
        context.addServletMappingDecoded("/*", "shop");
        tomcat.start();
        AtomicLong requests = new AtomicLong();
        long end = System.nanoTime() + Workloads.runTime().toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread client = new Thread(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    get(connector.getLocalPort(), i % 4 == 0 ? "/report" : "/quote");
                    requests.incrementAndGet();
                }
            }, "shop-client-" + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        tomcat.stop();
        tomcat.destroy();
        System.out.println("tomcat-slow-endpoint: " + requests.get() + " requests");
    }

    private static void get(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http", "127.0.0.1", port, path).openConnection();
            c.setConnectTimeout(TIMEOUT_MILLIS);
            c.setReadTimeout(TIMEOUT_MILLIS);
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalStateException("request " + path + " failed", e);
        }
    }
}
