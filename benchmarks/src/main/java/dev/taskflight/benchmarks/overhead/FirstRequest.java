package dev.taskflight.benchmarks.overhead;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The agent's startup cost on a real application: an embedded Tomcat 11 with one servlet, started as a
 * service starts, and its first request served on the connector's request pool. Measured from the JVM's
 * start (its own recorded start time, before any agent's {@code premain}) to the first response read,
 * and to the moment Tomcat has started; {@code benchmarks/first-task.sh} runs it in many fresh JVMs per
 * configuration ({@code MAIN=dev.taskflight.benchmarks.overhead.FirstRequest}) and compares the medians.
 *
 * <p>Prints {@code tomcat-started-us N} and {@code tomcat-first-request-us N}.
 */
public final class FirstRequest {

    private FirstRequest() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("first-request").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "hello", new Hello());
        context.addServletMappingDecoded("/*", "hello");
        tomcat.start();
        long started = System.currentTimeMillis();
        String body = get("http://127.0.0.1:" + connector.getLocalPort() + "/orders/1");
        long served = System.currentTimeMillis();
        if (!body.startsWith("order 1 on http-nio-")) {
            throw new IllegalStateException("unexpected response: " + body);
        }
        System.out.println("tomcat-started-us " + (started - jvmStart) * 1000);
        System.out.println("tomcat-first-request-us " + (served - jvmStart) * 1000);
        stop(tomcat);
    }

    private static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static void stop(Tomcat tomcat) throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    /** Answers with the order's id and the request thread's name. */
    private static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("order " + req.getPathInfo().substring("/orders/".length())
                    + " on " + Thread.currentThread().getName());
        }
    }
}
