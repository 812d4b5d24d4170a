package dev.taskflight.analysis.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * What a {@link RemoteRecordingStream} leaves behind, bounded: the recording it starts in the remote
 * JVM and the local directory it copies the chunks to.
 *
 * <p>The JDK's stream gives the remote recording no limit and no end of its own: it runs, and keeps
 * its chunks in the remote JVM's repository, until the stream is closed. A client that exits without
 * closing it (Ctrl-C, {@code kill}, a lost network) would leave it running in a production JVM for
 * good, its disk use growing. So:
 * <ul>
 * <li>the remote recording keeps what the local copy keeps ({@code maxAge}, {@code maxSize});</li>
 * <li>it has a lease: a {@code duration} renewed every quarter of {@link #LEASE}, so that it stops
 *     within {@link #LEASE} of the client's last renewal if the client disappears; it is named
 *     {@value #NAME}{@code <pid>}, and the next stream to the same JVM closes it once stopped;</li>
 * <li>this JVM's exit (a shutdown hook) closes the stream, which closes the remote recording;</li>
 * <li>the local copy lives in a directory of this process ({@value #PREFIX}{@code <pid>-...} in
 *     {@code java.io.tmpdir}), deleted on close; those of processes that no longer run are deleted
 *     when the next stream opens.</li>
 * </ul>
 */
final class RemoteRecording implements AutoCloseable {

    /**
     * How long the remote recording runs past the last renewal: 60 s unless
     * {@code -Dtaskflight.jmx.leaseSeconds} says otherwise (at least 4 s).
     */
    static final Duration LEASE = Duration.ofSeconds(Math.max(4, Long.getLong("taskflight.jmx.leaseSeconds", 60)));

    /** The local directories' prefix, followed by this process's id. */
    static final String PREFIX = "taskflight-jmx-";

    /** The name the JDK gives the recording a {@link RemoteRecordingStream} starts. */
    private static final String REMOTE_NAME = "Remote Recording Stream";

    /**
     * The name the remote recording is given instead, followed by this process's id: {@code jcmd PID
     * JFR.check} then says who started it, and the next stream can tell a stopped one from another
     * client's.
     */
    static final String NAME = "taskflight stream from jfr-analyze ";

    /** How long the shutdown hook waits for the remote recording to close. */
    private static final long HOOK_WAIT_MILLIS = 5_000;

    private static final System.Logger LOG = System.getLogger(RemoteRecording.class.getName());

    private final RemoteRecordingStream stream;
    private final Path directory;
    private final FlightRecorderMXBean bean;
    /** The remote recording's id; -1 if it could not be told from another client's. */
    private final long id;
    /** When the lease started: the remote recording started later, so its stop time is at least the lease past a renewal. */
    private final long leaseStart = System.nanoTime();
    private final Thread renewer;
    private final Thread hook;
    private volatile boolean closed;
    private volatile boolean exiting;
    /** Counted down when a {@link #close()} has finished, on any thread. */
    private final CountDownLatch closeDone = new CountDownLatch(1);

    private RemoteRecording(RemoteRecordingStream stream, Path directory, FlightRecorderMXBean bean, long id) {
        this.stream = stream;
        this.directory = directory;
        this.bean = bean;
        this.id = id;
        this.renewer = new Thread(this::renew, "taskflight-jmx-lease");
        this.renewer.setDaemon(true);
        this.hook = new Thread(this::exit, "taskflight-jmx-close");
    }

    /**
     * Creates the stream, not started, with its remote recording bounded and leased.
     *
     * @param connection the remote JVM's MBean server
     * @param maxAge how long the local copy and the remote recording keep data
     * @param maxBytes how many bytes they keep at most; 0 for no limit
     * @return the recording, its stream not started
     * @throws IOException if the remote JVM refuses, or the local directory cannot be made
     */
    static RemoteRecording open(MBeanServerConnection connection, Duration maxAge, long maxBytes) throws IOException {
        FlightRecorderMXBean bean;
        try {
            bean = JMX.newMXBeanProxy(connection, new ObjectName(FlightRecorderMXBean.MXBEAN_NAME),
                    FlightRecorderMXBean.class);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweep(tmp);
        closeStopped(bean);
        Path directory = Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-");
        RemoteRecordingStream stream = null;
        try {
            Set<Long> before = ids(bean.getRecordings());
            stream = new RemoteRecordingStream(connection, directory);
            Set<Long> created = ids(bean.getRecordings().stream()
                    .filter(r -> r.getName().startsWith(REMOTE_NAME)).collect(Collectors.toList()));
            created.removeAll(before);
            long id = created.size() == 1 ? created.iterator().next() : -1;
            stream.setMaxAge(maxAge);
            if (maxBytes > 0) {
                stream.setMaxSize(maxBytes);
            }
            RemoteRecording recording = new RemoteRecording(stream, directory, bean, id);
            if (id >= 0) {
                Map<String, String> options = new HashMap<>();
                options.put("maxAge", maxAge.toMillis() + " ms");
                if (maxBytes > 0) {
                    options.put("maxSize", Long.toString(maxBytes));
                }
                options.put("duration", recording.leaseDuration() + " ms");
                options.put("name", NAME + ProcessHandle.current().pid());
                bean.setRecordingOptions(id, options);
            } else {
                LOG.log(System.Logger.Level.WARNING, "cannot tell the recording this stream started in the remote"
                        + " JVM from another client's: it is not bounded, and runs until the stream is closed");
            }
            recording.renewer.start();
            Runtime.getRuntime().addShutdownHook(recording.hook);
            return recording;
        } catch (IOException | RuntimeException e) {
            if (stream != null) {
                stream.close();
            }
            delete(directory);
            throw e;
        }
    }

    /** The stream, not started. */
    RemoteRecordingStream stream() {
        return stream;
    }

    /** The remote recording's id, -1 if unknown. */
    long id() {
        return id;
    }

    /** Whether this JVM is exiting and its shutdown hook closed the stream. */
    boolean exiting() {
        return exiting;
    }

    /** Closes the stream (and so the remote recording), and deletes the local copy. */
    @Override
    public void close() {
        closed = true;
        try {
            renewer.interrupt();
            stream.close();
            delete(directory);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // this JVM is exiting: the hook runs, or ran
            }
        } finally {
            closeDone.countDown();
        }
    }

    /** The remote recording's duration now: the time since the lease started, plus the lease. */
    private long leaseDuration() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - leaseStart) + LEASE.toMillis();
    }

    private void renew() {
        long every = LEASE.toMillis() / 4;
        while (!closed) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            if (closed || id < 0) {
                return;
            }
            try {
                bean.setRecordingOptions(id, Map.of("duration", leaseDuration() + " ms"));
            } catch (RuntimeException e) {
                // the connection is lost or the recording closed: the stream ends, and says why
            }
        }
    }

    /**
     * The shutdown hook: closes the remote recording and the stream, waiting for the remote JVM at most
     * {@link #HOOK_WAIT_MILLIS}. It closes the remote recording itself: the stream may be closing already on
     * another thread (which sees {@link #exiting()}), and its {@code close()} then returns at once.
     */
    private void exit() {
        if (closed) { // closing on another thread: the JVM must not halt before the local copy is deleted
            try {
                closeDone.await(HOOK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        exiting = true;
        Thread closer = new Thread(() -> {
            if (id >= 0) {
                try {
                    bean.closeRecording(id);
                } catch (IOException | RuntimeException e) {
                    // closed already, or the connection is lost: the lease ends it
                }
            }
            close();
        }, "taskflight-jmx-closer");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(HOOK_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(directory); // again: the stream's download may have written a file after the first delete
    }

    private static Set<Long> ids(List<RecordingInfo> recordings) {
        Set<Long> ids = new HashSet<>();
        recordings.forEach(r -> ids.add(r.getId()));
        return ids;
    }

    /**
     * Closes the recordings in the remote JVM that streams of this kind left stopped: their lease ran out,
     * so their client is gone, and a stopped recording keeps its data until it is closed.
     */
    private static void closeStopped(FlightRecorderMXBean bean) throws IOException {
        for (RecordingInfo r : bean.getRecordings()) {
            if (r.getName().startsWith(NAME) && r.getState().equals("STOPPED")) {
                try {
                    bean.closeRecording(r.getId());
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        }
    }

    /** Deletes the local copies of processes that no longer run. */
    private static void sweep(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                String rest = dir.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        delete(dir);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // nothing to sweep, or not ours to read
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // in use, or gone: the next sweep
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // gone already
        }
    }
}
