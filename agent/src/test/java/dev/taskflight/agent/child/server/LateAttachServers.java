package dev.taskflight.agent.child.server;

import io.undertow.Undertow;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Tomcat 11, Jetty 12 and Undertow, embedded and serving {@link ServerWork}, whose request pools are busy
 * before the Taskflight agent is attached: the child of a test that attaches it while they run. Serves
 * {@link #WARM_UP_REQUESTS} fast requests on each server (their workers start, and their loops are
 * compiled), prints {@code ready}, and waits for a line on stdin (the agent is attached meanwhile). Then
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
    public static final List<String> SERVERS = List.of("tomcat", "jetty", "undertow");

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
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("tomcat", connector.getLocalPort());
        ports.put("jetty", jettyConnector.getLocalPort());
        ports.put("undertow", UndertowServer.port(undertow));
        try {
            for (int port : ports.values()) {
                for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                    LoopbackLoad.get(port, "/" + ServerWork.FAST + "?i=warm" + i);
                }
            }
            ServerWork.served().clear();
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
            undertow.stop();
            jetty.stop();
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
