package dev.taskflight.cli.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The options of a child JVM's JMX agent on the loopback interface, and the files they name. */
final class JmxAgent {

    static final String USER = "controlRole";
    static final String PASSWORD = "s3cret-for-tests";

    private JmxAgent() {
    }

    /**
     * Returns the options of a JMX agent on {@code port} without TLS; with {@code authenticate}, the
     * password and access files of {@link #USER} are written to {@code dir}.
     */
    static String[] options(Path dir, int port, boolean authenticate) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.authenticate=" + authenticate));
        if (authenticate) {
            options.add("-Dcom.sun.management.jmxremote.password.file="
                    + secret(dir, "jmxremote.password", USER + " " + PASSWORD + "\n"));
            options.add("-Dcom.sun.management.jmxremote.access.file="
                    + secret(dir, "jmxremote.access", USER + " readwrite\n"));
        }
        return options.toArray(new String[0]);
    }

    /** Writes a file of {@code dir} only its owner can read, as the JMX agent demands of its password file. */
    static Path secret(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Returns a loopback port free now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
