package dev.taskflight.agent.child.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat with two HTTP connectors on 127.0.0.1 (each with its own request pool): the
 * first serves {@link LoopbackLoad}'s slow requests, the second its fast ones. Prints what
 * {@link LoopbackLoad#report} prints, then stops.
 */
public final class TomcatServer {

    /** Each connector pool's core size. */
    public static final int MIN_SPARE_THREADS = 4;
    /** Each connector pool's maximum size. */
    public static final int MAX_THREADS = 16;

    private TomcatServer() {
    }

    /** Serves every path with {@link ServerWork#handle}. */
    static final class WorkServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String body = ServerWork.handle(req.getPathInfo() == null ? req.getServletPath().substring(1)
                        : req.getPathInfo().substring(1), req.getParameter("i"));
                if (body == null) {
                    resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
                resp.setContentType("text/plain");
                resp.setCharacterEncoding("UTF-8");
                resp.getWriter().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector slow = connector();
        Connector fast = connector();
        tomcat.setConnector(slow);
        tomcat.getService().addConnector(fast);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "work", new WorkServlet());
        context.addServletMappingDecoded("/*", "work");
        tomcat.start();
        try {
            List<String> responses = LoopbackLoad.run(slow.getLocalPort(), fast.getLocalPort());
            LoopbackLoad.report(slow.getLocalPort(), fast.getLocalPort(), responses);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    static Connector connector() {
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("minSpareThreads", String.valueOf(MIN_SPARE_THREADS));
        connector.setProperty("maxThreads", String.valueOf(MAX_THREADS));
        return connector;
    }
}
