package dev.taskflight.analysis.live;

import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordingStream;

/**
 * Live analysis of this JVM, in one call: a {@link RecordingStream} recording the JDK's
 * {@code default} configuration with Taskflight's production profile layered on top, read by an
 * {@link IntervalAnalyzer}.
 *
 * <pre>{@code
 * try (InProcessStream live = InProcessStream.start(IntervalOptions.DEFAULT, new LoggingSink())) {
 *     runTheApplication();
 * }
 * }</pre>
 *
 * <p>Application threads only commit events to the flight recorder's thread-local buffers, as with
 * any recording; the analysis and the sink run on the stream's own daemon thread
 * ({@value #THREAD_NAME}), which never keeps the JVM from exiting, and a slow sink delays only the
 * stream. The recording's disk data is kept {@value #MAX_AGE_SECONDS} seconds, or, with
 * dumps on anomaly ({@link AnomalyDumper}), as long as a dump reaches back.
 */
public final class InProcessStream implements AutoCloseable {

    /** How long the recording keeps data, in seconds. */
    public static final long MAX_AGE_SECONDS = 120;
    /** The name of the stream's thread. */
    public static final String THREAD_NAME = "taskflight-in-process-stream";
    /** How long {@code start} waits at most for the stream's first flush. */
    public static final long START_WAIT_SECONDS = 10;

    private final RecordingStream stream;
    private final IntervalAnalyzer analyzer;
    private final AnomalyDumper dumper;

    private InProcessStream(RecordingStream stream, IntervalAnalyzer analyzer, AnomalyDumper dumper) {
        this.stream = stream;
        this.analyzer = analyzer;
        this.dumper = dumper;
    }

    /**
     * Starts recording and analyzing this JVM. Returns once the stream has read its first flush
     * (about a second), so that what the caller does next is recorded.
     *
     * @param options the interval and analysis options, not {@code null}
     * @param sink receives each interval, on the stream's thread, not {@code null}
     * @return the running stream; close it to stop, not {@code null}
     */
    public static InProcessStream start(IntervalOptions options, IntervalSink sink) {
        return start(options, sink, null);
    }

    /**
     * Starts recording and analyzing this JVM, as {@link #start(IntervalOptions, IntervalSink)}, dumping
     * the recording on anomalies: the recording keeps
     * {@code dumps.minGap()} of data, and each dump's path is logged at {@code INFO} to the logger
     * {@value LoggingSink#LOGGER_NAME}.
     *
     * @param options the interval and analysis options, not {@code null}
     * @param sink receives each interval, on the stream's thread, not {@code null}
     * @param dumps when and where to dump, {@code null} for no dumps
     * @return the running stream; close it to stop, not {@code null}
     * @throws IllegalStateException if the flight recorder cannot stream
     */
    public static InProcessStream start(IntervalOptions options, IntervalSink sink, AnomalyDumper.Options dumps) {
        return start(options, sink, dumps, stream -> { });
    }

    /**
     * Starts recording and analyzing this JVM, as {@link #start(IntervalOptions, IntervalSink, AnomalyDumper.Options)},
     * and lets the caller read events of the same stream too, on the stream's thread, in the same order
     * as the analysis (such as the {@code taskflight.TaskPoll} events one by one).
     *
     * @param options the interval and analysis options, not {@code null}
     * @param sink receives each interval, on the stream's thread, not {@code null}
     * @param dumps when and where to dump, {@code null} for no dumps
     * @param alsoRead registers the caller's own handlers ({@code onEvent}) before the stream starts, not {@code null}
     * @return the running stream; close it to stop, not {@code null}
     * @throws IllegalStateException if the flight recorder cannot stream
     */
    public static InProcessStream start(IntervalOptions options, IntervalSink sink, AnomalyDumper.Options dumps,
            Consumer<? super EventStream> alsoRead) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(alsoRead, "alsoRead");
        Objects.requireNonNull(sink, "sink");
        RecordingStream stream = new RecordingStream();
        try {
            stream.setSettings(TaskflightSettings.layered("default", Profile.PRODUCTION));
            AnomalyDumper dumper = null;
            IntervalSink all = sink;
            if (dumps != null) {
                stream.setMaxAge(dumps.minGap().isZero() ? Duration.ofSeconds(MAX_AGE_SECONDS) : dumps.minGap());
                System.Logger log = System.getLogger(LoggingSink.LOGGER_NAME);
                AnomalyDumper d = new AnomalyDumper(dumps, stream::dump, line -> log.log(System.Logger.Level.INFO, line));
                dumper = d;
                all = i -> {
                    sink.accept(i);
                    d.accept(i);
                };
            } else {
                stream.setMaxAge(Duration.ofSeconds(MAX_AGE_SECONDS));
            }
            IntervalAnalyzer analyzer = new IntervalAnalyzer(options, "in-process", all);
            analyzer.register(stream);
            alsoRead.accept(stream);
            runOnDaemonThread(stream);
            return new InProcessStream(stream, analyzer, dumper);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Runs the stream on a daemon thread ({@code startAsync} uses one that keeps the JVM alive) and
     * waits for its first flush, or its failure, at most {@value #START_WAIT_SECONDS} seconds.
     */
    private static void runOnDaemonThread(RecordingStream stream) {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        stream.onFlush(started::countDown);
        Thread thread = new Thread(() -> {
            try {
                stream.start();
            } catch (Throwable t) {
                failure.set(t);
                started.countDown();
            }
        }, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        try {
            started.await(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the flight recorder stream failed: " + failure.get(), failure.get());
        }
    }

    /**
     * Returns how many intervals were closed.
     *
     * @return the count
     */
    public long intervals() {
        return analyzer.intervals();
    }

    /** Stops the recording and the analysis; the last interval is delivered if it has events. */
    @Override
    public void close() {
        stream.close();
        if (dumper != null) {
            dumper.close();
        }
    }
}
