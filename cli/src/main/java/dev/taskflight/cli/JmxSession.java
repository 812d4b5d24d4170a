package dev.taskflight.cli;

import dev.taskflight.analysis.live.AnomalyDumper;
import dev.taskflight.analysis.live.IntervalAnalyzer;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.IntervalSink;
import dev.taskflight.analysis.live.JmxTarget;
import dev.taskflight.analysis.live.JvmTarget;
import dev.taskflight.analysis.live.LiveStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * {@code stream --jmx}, and {@code --pid} through the JVM's local JMX agent: streams one connection, and with {@code --reconnect} connects again after the
 * JVM goes away, backing off from 1 s to 30 s between attempts, for at most the reconnect window.
 */
final class JmxSession {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** How to reach the JVM: a new connection each time. */
    interface Connector {
        /** Returns a new connection. */
        JmxTarget connect() throws JvmTarget.TargetException;
    }

    /** Dumps on anomaly: when and where, and how much the recording keeps. */
    record Dumps(AnomalyDumper.Options options, Duration maxAge, long maxBytes) {
    }

    private final String label;
    private final Connector connector;
    private final IntervalOptions options;
    private final Dumps dumps;
    private final IntervalSink out;
    private final Consumer<List<String>> lines;
    private String lastFailure = "no attempt";

    JmxSession(String label, Connector connector, IntervalOptions options, Dumps dumps, IntervalSink out,
            Consumer<List<String>> lines) {
        this.label = label;
        this.connector = connector;
        this.options = options;
        this.dumps = dumps;
        this.out = out;
        this.lines = lines;
    }

    /**
     * Streams until the time limit, or until the JVM goes away and (with a reconnect window) does not
     * come back within it. Connection problems at the start are thrown; later ones end the stream.
     */
    LiveStream.End run(Optional<Duration> limit, Optional<Duration> reconnectFor, PrintWriter err)
            throws JvmTarget.TargetException, InterruptedException {
        long deadline = limit.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        LiveStream.End end = once(connect(), remaining(deadline));
        long intervals = end.intervals();
        while (end.reason() == LiveStream.Reason.TARGET_EXITED && reconnectFor.isPresent()) {
            err.println(Cli.NAME + ": " + end.message() + "; reconnecting to " + label);
            err.flush();
            JmxTarget target = reconnect(reconnectFor.get(), deadline);
            if (target == null) {
                return new LiveStream.End(end.reason(), end.message() + " and did not come back within "
                        + reconnectFor.get().toSeconds() + " s (" + lastFailure + ")", intervals);
            }
            end = once(target, remaining(deadline));
            intervals += end.intervals();
        }
        return new LiveStream.End(end.reason(), end.message(), intervals);
    }

    private JmxTarget connect() throws JvmTarget.TargetException {
        return connector.connect();
    }

    private JmxTarget reconnect(Duration window, long deadline) throws InterruptedException {
        long giveUp = System.nanoTime() + window.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (System.nanoTime() - giveUp < 0 && System.nanoTime() - deadline < 0) {
            // The last attempt is made when the window closes.
            Thread.sleep(Math.max(1, Math.min(backoff.toMillis(), (giveUp - System.nanoTime()) / 1_000_000)));
            try {
                return connect();
            } catch (JvmTarget.TargetException e) {
                lastFailure = e.getMessage();
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return null;
    }

    private LiveStream.End once(JmxTarget target, Optional<Duration> limit)
            throws JvmTarget.TargetException, InterruptedException {
        try (target) {
            RemoteRecordingStream stream = dumps == null ? target.openStream(JmxTarget.MAX_AGE, 0)
                    : target.openStream(dumps.maxAge(), dumps.maxBytes());
            AnomalyDumper dumper = null;
            if (dumps != null) {
                dumper = new AnomalyDumper(dumps.options(), stream::dump, line -> lines.accept(List.of(line)));
            }
            AnomalyDumper d = dumper;
            IntervalAnalyzer analyzer = new IntervalAnalyzer(options, "jmx:" + label, i -> {
                out.accept(i);
                if (d != null) {
                    d.accept(i);
                }
            });
            try {
                return LiveStream.run(stream, analyzer, Optional.of(target), limit);
            } finally {
                if (d != null) {
                    d.close();
                }
            }
        }
    }

    private static Optional<Duration> remaining(long deadline) {
        return deadline == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
}
