package dev.taskflight.analysis.live;

import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.time.Duration;
import java.util.Objects;
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
 * any recording; the analysis and the sink run on the stream's own thread, and a slow sink delays
 * only the stream. The recording's disk data is kept {@value #MAX_AGE_SECONDS} seconds, or, with
 * dumps on anomaly ({@link AnomalyDumper}), as long as a dump reaches back.
 */
public final class InProcessStream implements AutoCloseable {

    /** How long the recording keeps data, in seconds. */
    public static final long MAX_AGE_SECONDS = 120;

    private final RecordingStream stream;
    private final IntervalAnalyzer analyzer;
    private final AnomalyDumper dumper;

    private InProcessStream(RecordingStream stream, IntervalAnalyzer analyzer, AnomalyDumper dumper) {
        this.stream = stream;
        this.analyzer = analyzer;
        this.dumper = dumper;
    }

    /**
     * Starts recording and analyzing this JVM.
     *
     * @param options the interval and analysis options, not {@code null}
     * @param sink receives each interval, on the stream's thread, not {@code null}
     * @return the running stream; close it to stop, not {@code null}
     */
    public static InProcessStream start(IntervalOptions options, IntervalSink sink) {
        return start(options, sink, null);
    }

    /**
     * Starts recording and analyzing this JVM, dumping the recording on anomalies: the recording keeps
     * {@code dumps.minGap()} of data, and each dump's path is logged at {@code INFO} to the logger
     * {@value LoggingSink#LOGGER_NAME}.
     *
     * @param options the interval and analysis options, not {@code null}
     * @param sink receives each interval, on the stream's thread, not {@code null}
     * @param dumps when and where to dump, {@code null} for no dumps
     * @return the running stream; close it to stop, not {@code null}
     */
    public static InProcessStream start(IntervalOptions options, IntervalSink sink, AnomalyDumper.Options dumps) {
        Objects.requireNonNull(options, "options");
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
            stream.startAsync();
            return new InProcessStream(stream, analyzer, dumper);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
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
