package dev.taskflight.cli.live;

import static dev.taskflight.cli.live.StreamCommandTest.BUSY;
import static dev.taskflight.cli.live.StreamCommandTest.POLLS;
import static dev.taskflight.cli.live.StreamCommandTest.number;
import static dev.taskflight.cli.live.StreamCommandTest.poolLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.analysis.live.JmxTarget;
import dev.taskflight.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jfr-analyze stream --jmx} against a child JVM's JMX agent on the loopback interface. */
class StreamJmxTest {

    private static final Duration LIMIT = ChildJvm.LIMIT;
    private static final String USER = JmxAgent.USER;
    private static final String PASSWORD = JmxAgent.PASSWORD;
    private static final String STORE_PASSWORD = "changeit-for-tests";

    @TempDir
    Path dir;

    @Test
    void streamsOverJmxWithoutAuthenticationDumpsTheLongPollAndEndsWithCode7WhenTheJvmIsKilled() throws Exception {
        int port = freePort();
        Path dumps = dir.resolve("dumps");
        try (ChildJvm child = ChildJvm.start(dir, jmx(port, false))) {
            Streaming s = new Streaming("stream", "--jmx", "127.0.0.1:" + port, "--interval", "1s",
                    "--dump-on", "critical", "--dump-dir", dumps.toString(), "--dump-max-age", "30s");
            awaitIntervalsAndALongPoll(s);
            await().atMost(LIMIT).until(() -> !s.lines("taskflight dump ").isEmpty());
            StreamCommandTest.assertTheDumpHasALongPoll(s, dumps, LiveWorkload.LONG_POLL_MILLIS);
            child.process().destroyForcibly();
            await().atMost(LIMIT).until(s.exit::isDone);
            assertThat(s.exit.get()).isEqualTo(ExitCodes.STREAM_ENDED);
            assertThat(s.err.toString().lines()).singleElement().asString()
                    .contains("stream ended", "JMX connection to 127.0.0.1:" + port);
        }
    }

    @Test
    void streamsOverJmxWithAuthenticationAndRefusesAWrongPassword() throws Exception {
        int port = freePort();
        Path passwordFile = secret("client.password", PASSWORD + "\n");
        Path wrongFile = secret("wrong.password", "not-the-password\n");
        try (ChildJvm child = ChildJvm.start(dir, jmx(port, true))) {
            Streaming wrong = new Streaming("stream", "--jmx", "127.0.0.1:" + port, "--jmx-user", USER,
                    "--jmx-password-file", wrongFile.toString());
            await().atMost(LIMIT).until(wrong.exit::isDone);
            assertThat(wrong.exit.get()).isEqualTo(ExitCodes.NO_TARGET);
            assertThat(wrong.err.toString().lines()).singleElement().asString().contains("authentication");

            Streaming s = new Streaming("stream", "--jmx", "127.0.0.1:" + port, "--jmx-user", USER,
                    "--jmx-password-file", passwordFile.toString(), "--interval", "1s");
            awaitIntervalsAndALongPoll(s);
            child.process().destroyForcibly();
            await().atMost(LIMIT).until(s.exit::isDone);
            assertThat(s.exit.get()).isEqualTo(ExitCodes.STREAM_ENDED);
        }
    }

    @Test
    void reconnectsToARestartedJvmAndEndsWithCode7WhenItDoesNotComeBack() throws Exception {
        int port = freePort();
        Streaming s;
        try (ChildJvm first = ChildJvm.start(dir.resolve("first"), jmx(port, false))) {
            // 30 s: a JVM restarted on a machine whose cores are all busy may take over 10 s to listen again
            s = new Streaming("stream", "--jmx", "127.0.0.1:" + port, "--interval", "1s", "--reconnect", "30s");
            awaitIntervalsAndALongPoll(s);
        }
        await().atMost(LIMIT).until(() -> s.exit.isDone() || s.err.toString().contains("reconnecting"));
        int before = poolLines(s).size();
        try (ChildJvm second = ChildJvm.start(dir.resolve("second"), jmx(port, false))) {
            await().atMost(LIMIT).until(() -> s.exit.isDone() || poolLines(s).size() >= before + 2);
            assertThat(s.exit).as("stderr: %s; restarted JVM's output: %s", s.err, second.output()).isNotDone();
        }
        await().atMost(LIMIT).until(s.exit::isDone);
        assertThat(s.exit.get()).isEqualTo(ExitCodes.STREAM_ENDED);
        List<String> err = s.err.toString().lines().collect(java.util.stream.Collectors.toList());
        assertThat(err).hasSize(3);
        assertThat(err.get(0)).contains("JMX connection to 127.0.0.1:" + port, "reconnecting");
        assertThat(err.get(2)).contains("stream ended", "did not come back within 30 s");
    }

    /**
     * TLS on the registry and the connection ({@code jmxremote.registry.ssl} and {@code jmxremote.ssl}), with a
     * key pair made here by the JDK's keytool. jfr-analyze runs in a JVM of its own: the trust store is a
     * system property read once per JVM, as an operator gives it (docs/streaming.md).
     */
    @Test
    void streamsOverJmxWithTlsGivenTheTrustStoreAndIsCode8WithoutIt() throws Exception {
        int port = freePort();
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.cer");
        keytool("-genkeypair", "-alias", "jmx", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "jmx", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "jmx", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);
        List<String> tls = new java.util.ArrayList<>(List.of(jmx(port, false)));
        tls.removeIf(o -> o.startsWith("-Dcom.sun.management.jmxremote.ssl="));
        tls.addAll(List.of("-Dcom.sun.management.jmxremote.ssl=true",
                "-Dcom.sun.management.jmxremote.registry.ssl=true",
                "-Djavax.net.ssl.keyStore=" + keyStore, "-Djavax.net.ssl.keyStorePassword=" + STORE_PASSWORD));
        try (ChildJvm child = ChildJvm.start(dir, tls.toArray(new String[0]))) {
            String[] args = {"stream", "--jmx", "127.0.0.1:" + port, "--jmx-tls", "--interval", "1s"};
            Process untrusted = jfrAnalyze(dir.resolve("untrusted"), List.of(), args);
            assertThat(untrusted.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(untrusted.exitValue()).isEqualTo(ExitCodes.NO_TARGET);
            assertThat(Files.readAllLines(dir.resolve("untrusted").resolve("err"))).singleElement().asString()
                    .contains("cannot connect to JMX at 127.0.0.1:" + port, "certification path");

            Path trusted = dir.resolve("trusted");
            Process p = jfrAnalyze(trusted, List.of("-Djavax.net.ssl.trustStore=" + trustStore,
                    "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD), args);
            try {
                await().atMost(LIMIT).until(() -> !p.isAlive() || Files.readAllLines(trusted.resolve("out")).stream()
                        .filter(l -> l.startsWith("taskflight interval ") && l.contains(" pool=" + LiveWorkload.POOL
                                + " ")).anyMatch(l -> BUSY.matcher(l).find() && number(POLLS, l) > 0));
                assertThat(p.isAlive()).as("jfr-analyze's stderr: %s", Files.readString(trusted.resolve("err")))
                        .isTrue();
            } finally {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * The recording {@code --jmx} starts in the JVM is bounded (it keeps what the local copy keeps, and has
     * a lease), and a jfr-analyze stopped by a signal closes it and deletes its local copy.
     */
    @Test
    void closesItsRecordingInTheJvmAndDeletesItsLocalCopyWhenStoppedBySigterm() throws Exception {
        int port = freePort();
        try (ChildJvm child = ChildJvm.start(dir, jmx(port, false)); JMXConnector jmx = connect(port)) {
            FlightRecorderMXBean bean = recorder(jmx);
            Path run = dir.resolve("run");
            Process p = jfrAnalyze(run, List.of(), "stream", "--jmx", "127.0.0.1:" + port, "--interval", "1s");
            try {
                awaitAPoolInterval(p, run);
                List<RecordingInfo> remote = streamRecordings(bean);
                assertThat(remote).singleElement().satisfies(r -> {
                    assertThat(r.getName()).isEqualTo("taskflight stream from jfr-analyze " + p.pid());
                    assertThat(r.getState()).isEqualTo("RUNNING");
                    assertThat(r.getMaxAge()).as("maxAge, s").isEqualTo(JmxTarget.MAX_AGE.toSeconds());
                    assertThat(r.getDuration()).as("the lease, s").isPositive();
                });
                assertThat(localCopies(run)).hasSize(1);
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly().waitFor();
            }
            assertThat(streamRecordings(bean)).as("the stream's recordings left in the JVM").isEmpty();
            assertThat(localCopies(run)).as("local copies left; jfr-analyze's stderr:\n%s\nfiles: %s",
                    Files.readString(run.resolve("err")), listing(run.resolve("tmp"))).isEmpty();
        }
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.collect(java.util.stream.Collectors.toList());
        }
    }

    /**
     * A jfr-analyze killed with no chance to close its stream: the JVM's recording stops when its lease runs
     * out (4 s here), and the next stream closes it and deletes the dead process's local copy.
     */
    @Test
    void aKilledStreamsRecordingStopsWhenItsLeaseRunsOutAndTheNextStreamClosesItAndDeletesItsLocalCopy() throws Exception {
        int port = freePort();
        try (ChildJvm child = ChildJvm.start(dir, jmx(port, false)); JMXConnector jmx = connect(port)) {
            FlightRecorderMXBean bean = recorder(jmx);
            Path run = dir.resolve("run");
            Process killed = jfrAnalyze(run, List.of("-Dtaskflight.jmx.leaseSeconds=4"),
                    "stream", "--jmx", "127.0.0.1:" + port, "--interval", "1s");
            List<Path> dead;
            try {
                awaitAPoolInterval(killed, run);
                dead = localCopies(run);
                assertThat(dead).singleElement().asString().contains("taskflight-jmx-" + killed.pid() + "-");
            } finally {
                killed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
            }
            assertThat(streamRecordings(bean)).singleElement();
            await().atMost(LIMIT).until(() -> streamRecordings(bean).stream().anyMatch(r -> !r.getState().equals("RUNNING")));
            RecordingInfo stopped = streamRecordings(bean).get(0);
            assertThat(streamRecordings(bean)).singleElement().extracting(RecordingInfo::getState).isEqualTo("STOPPED");
            assertThat(dead.get(0)).exists();

            Process p = jfrAnalyze(run, List.of(), "stream", "--jmx", "127.0.0.1:" + port, "--interval", "1s");
            try {
                awaitAPoolInterval(p, run);
                assertThat(dead.get(0)).doesNotExist();
                assertThat(streamRecordings(bean)).as("the stopped recording is closed").singleElement()
                        .satisfies(r -> assertThat(r.getId()).isNotEqualTo(stopped.getId()))
                        .extracting(RecordingInfo::getState).isEqualTo("RUNNING");
                assertThat(localCopies(run)).singleElement().asString().contains("taskflight-jmx-" + p.pid() + "-");
            } finally {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static void awaitAPoolInterval(Process p, Path run) throws IOException {
        await().atMost(LIMIT).until(() -> !p.isAlive() || Files.readAllLines(run.resolve("out")).stream()
                .anyMatch(l -> l.startsWith("taskflight interval ") && l.contains(" pool=" + LiveWorkload.POOL + " ")));
        assertThat(p.isAlive()).as("jfr-analyze's stderr: %s", Files.readString(run.resolve("err"))).isTrue();
    }

    private static JMXConnector connect(int port) throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
    }

    private static FlightRecorderMXBean recorder(JMXConnector jmx) throws Exception {
        return JMX.newMXBeanProxy(jmx.getMBeanServerConnection(), new ObjectName(FlightRecorderMXBean.MXBEAN_NAME),
                FlightRecorderMXBean.class);
    }

    /** The recordings of {@code RemoteRecordingStream}s in the JVM: the JDK's name, or the one jfr-analyze gives them. */
    private static List<RecordingInfo> streamRecordings(FlightRecorderMXBean bean) {
        return bean.getRecordings().stream().filter(r -> r.getName().startsWith("Remote Recording Stream")
                        || r.getName().startsWith("taskflight stream from jfr-analyze "))
                .collect(java.util.stream.Collectors.toList());
    }

    /** The local copies of streams in a jfr-analyze's temporary directory ({@link #jfrAnalyze}). */
    private static List<Path> localCopies(Path run) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(run.resolve("tmp"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("taskflight-jmx-"))
                    .collect(java.util.stream.Collectors.toList());
        }
    }

    /** Runs the JDK's keytool, of the JDK that runs the tests. */
    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool %s: %s", String.join(" ", args), output).isZero();
    }

    /**
     * Starts jfr-analyze in a JVM of its own, its stdout and stderr in the files {@code out} and {@code err} of
     * {@code dir}, and its temporary files in {@code dir/tmp}.
     */
    private static Process jfrAnalyze(Path dir, List<String> jvmOptions, String... args) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), dev.taskflight.cli.JfrAnalyze.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return pb.start();
    }

    private static void awaitIntervalsAndALongPoll(Streaming s) {
        await().atMost(LIMIT).until(() -> s.exit.isDone() || (poolLines(s).stream()
                .filter(l -> BUSY.matcher(l).find() && number(POLLS, l) > 0).count() >= 1
                && s.lines("taskflight finding ").stream().anyMatch(l -> l.contains(" type=long-poll "))));
        assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
        assertThat(poolLines(s)).filteredOn(l -> BUSY.matcher(l).find())
                .allSatisfy(l -> assertThat(number(BUSY, l)).isBetween(0.0, 1.0));
    }

    private String[] jmx(int port, boolean authenticate) throws IOException {
        return JmxAgent.options(dir, port, authenticate);
    }

    private Path secret(String name, String content) throws IOException {
        return JmxAgent.secret(dir, name, content);
    }

    private static int freePort() throws IOException {
        return JmxAgent.freePort();
    }
}
