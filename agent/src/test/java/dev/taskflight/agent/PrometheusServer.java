package dev.taskflight.agent;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus}, installed by {@code ./taskflight test}) for a
 * test: started on a free loopback port with a generated configuration that scrapes one target, and
 * queried through its HTTP API ({@code /api/v1/query}).
 */
final class PrometheusServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Pattern VALUE = Pattern.compile("\\[\\s*[0-9.]+\\s*,\\s*\"([^\"]+)\"\\s*]");

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Prometheus scraping {@code 127.0.0.1:target} every 500 ms and waits until it is ready.
     *
     * @param dir a directory of the test's own, for the configuration, the data and the log
     */
    static PrometheusServer start(Path dir, int target) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 500ms",
                "  scrape_timeout: 400ms",
                "scrape_configs:",
                "  - job_name: taskflight",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + target + "']",
                ""));
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> server.get("/-/ready").statusCode() == 200);
        return server;
    }

    /** Returns a free port on loopback (free when asked). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Runs a PromQL query and returns every sample value of its result: one per series for an
     * instant vector, every sample of every series for a range vector.
     */
    List<Double> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (r.statusCode() != 200 || !r.body().contains("\"status\":\"success\"")) {
            throw new IllegalStateException("query " + promql + " failed: " + r.body());
        }
        List<Double> values = new ArrayList<>();
        Matcher m = VALUE.matcher(r.body());
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        return values;
    }

    /** Returns the name of every metric Prometheus has stored ({@code /api/v1/label/__name__/values}). */
    List<String> metricNames() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/label/__name__/values");
        Matcher m = Pattern.compile("\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"").matcher(
                r.body().substring(r.body().indexOf("\"data\"") + "\"data\"".length()));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Returns the server's log so far. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
