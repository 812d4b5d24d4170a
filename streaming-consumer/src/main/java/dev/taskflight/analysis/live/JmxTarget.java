package dev.taskflight.analysis.live;

import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnectionNotification;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * A JVM reached over JMX (its {@code com.sun.management.jmxremote} agent): a connection, and a
 * {@link RemoteRecordingStream} that starts a recording in it with the JDK's {@code default}
 * configuration and Taskflight's production profile layered on top.
 *
 * <p>Credentials go in the connector's {@link JMXConnector#CREDENTIALS} environment. TLS follows the
 * JDK's standard client settings: with {@code tls}, the RMI registry is reached through an
 * {@link SslRMIClientSocketFactory}, whose trust and key stores are the {@code javax.net.ssl.*}
 * system properties; the connection itself uses TLS whenever the server's stub says so. Closing
 * the target closes the connection, and the stream's recording in the remote JVM. Not thread-safe
 * except {@link #alive()}.
 */
public final class JmxTarget implements LiveStream.Target, AutoCloseable {

    /** How long a stream keeps data unless told otherwise: 2 minutes. */
    public static final Duration MAX_AGE = Duration.ofMinutes(2);

    private final String address;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;
    private final AtomicBoolean connected = new AtomicBoolean(true);
    private volatile String lost = "";
    private RemoteRecording recording;

    private JmxTarget(String address, JMXConnector connector) throws IOException {
        this.address = address;
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
        connector.addConnectionNotificationListener((n, handback) -> {
            if (n.getType().equals(JMXConnectionNotification.FAILED)
                    || n.getType().equals(JMXConnectionNotification.CLOSED)) {
                lost = n.getType();
                connected.set(false);
            }
        }, null, null);
    }

    /**
     * Connects to a JVM's JMX agent.
     *
     * @param hostPort {@code host:port} of its RMI registry, not {@code null}
     * @param user the user name, {@code null} without authentication
     * @param password the password, {@code null} without authentication; not kept
     * @param tls whether the registry uses TLS ({@code com.sun.management.jmxremote.registry.ssl})
     * @return the connected target, not {@code null}
     * @throws JvmTarget.TargetException if the address is wrong, nothing answers, or authentication fails
     */
    public static JmxTarget connect(String hostPort, String user, char[] password, boolean tls)
            throws JvmTarget.TargetException {
        Objects.requireNonNull(hostPort, "hostPort");
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password == null ? "" : new String(password)});
        }
        if (tls) {
            env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        }
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi");
            return new JmxTarget(hostPort, JMXConnectorFactory.connect(url, env));
        } catch (SecurityException e) {
            throw new JvmTarget.TargetException("JMX authentication to " + hostPort + " failed: " + message(e), e);
        } catch (IOException | RuntimeException e) {
            throw new JvmTarget.TargetException("cannot connect to JMX at " + hostPort + ": " + message(e), e);
        }
    }

    /**
     * Connects to a JVM on this host through its local JMX agent, starting the agent with the Attach
     * API if needed ({@link JvmTarget#localJmxUrl(long)}); no port is opened and no credentials are needed.
     *
     * @param pid the process id
     * @return the connected target, not {@code null}
     * @throws JvmTarget.TargetException if the JVM cannot be attached to or connected to
     */
    public static JmxTarget local(long pid) throws JvmTarget.TargetException {
        String url = JvmTarget.localJmxUrl(pid);
        try {
            return new JmxTarget("JVM " + pid, JMXConnectorFactory.connect(new JMXServiceURL(url), Map.of()));
        } catch (IOException | RuntimeException e) {
            throw new JvmTarget.TargetException("cannot connect to the local JMX agent of JVM " + pid + ": "
                    + message(e), e);
        }
    }

    /**
     * Opens a stream of the remote JVM's events, recording what the analysis needs. The recording it
     * starts there keeps what the local copy keeps, and has a lease: it stops by itself within
     * {@code -Dtaskflight.jmx.leaseSeconds} (60 s) if this JVM stops renewing it without closing it (killed,
     * or cut off from the network). Closing this target, or this JVM's exit, closes the stream and the
     * remote recording and deletes the local copy.
     *
     * @param maxAge how long the local copy and the remote recording keep data, positive
     * @param maxBytes how many bytes they keep at most; 0 for no limit
     * @return the stream, not started, not {@code null}
     * @throws JvmTarget.TargetException if the remote JVM refuses (no flight recorder, no permission), or the
     *     local copy's directory cannot be made
     * @throws IllegalStateException if a stream was opened already
     */
    public RemoteRecordingStream openStream(Duration maxAge, long maxBytes) throws JvmTarget.TargetException {
        if (recording != null) {
            throw new IllegalStateException("a stream was opened already");
        }
        try {
            recording = RemoteRecording.open(connection, maxAge, maxBytes);
            RemoteRecordingStream stream = recording.stream();
            stream.setSettings(TaskflightSettings.layered("default", Profile.PRODUCTION));
            return stream;
        } catch (IOException | RuntimeException e) {
            if (recording != null) {
                recording.close();
                recording = null;
            }
            throw new JvmTarget.TargetException("cannot record over JMX at " + address + ": " + message(e), e);
        }
    }

    @Override
    public boolean alive() {
        if (exiting() || !connected.get()) {
            return false;
        }
        try {
            connection.getMBeanCount();
            return true;
        } catch (IOException | RuntimeException e) {
            lost = message(e);
            connected.set(false);
            return false;
        }
    }

    @Override
    public String gone() {
        if (exiting()) {
            return "jfr-analyze is exiting: its recording in " + address + " was closed";
        }
        return "the JMX connection to " + address + " was lost (" + lost + ")";
    }

    /** Whether this JVM is exiting and its shutdown hook closed the stream. */
    private boolean exiting() {
        return recording != null && recording.exiting();
    }

    @Override
    public void close() {
        if (recording != null) {
            recording.close();
        }
        try {
            connector.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }
}
