package dev.taskflight.agent.internal;

import dev.taskflight.analysis.live.AnomalyDumper;
import dev.taskflight.analysis.live.InProcessStream;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.LoggingSink;
import jdk.jfr.FlightRecorder;

/**
 * The agent option {@code stream=log}: starts the in-process streaming consumer
 * ({@link InProcessStream} with a {@link LoggingSink}) on a daemon thread of its own, so that neither
 * {@code premain} nor any application thread waits for the flight recorder, and closes it when the
 * JVM shuts down. If the flight recorder is unavailable or the stream cannot start, one warning goes
 * to the agent's log and the application runs on.
 */
final class AgentStream {

    /** The thread that starts the stream. */
    static final String START_THREAD = "taskflight-stream-start";
    /** The shutdown hook that closes the stream. */
    static final String CLOSE_THREAD = "taskflight-stream-close";

    private AgentStream() {
    }

    /**
     * Starts the stream asked for by the options, if any, in the background. Never throws.
     *
     * @param options the agent options, not {@code null}
     */
    static void startIfAsked(AgentOptions options) {
        if (!options.streamToLog()) {
            return;
        }
        try {
            Thread starter = new Thread(() -> start(options), START_THREAD);
            starter.setDaemon(true);
            starter.start();
        } catch (Throwable t) {
            AgentLog.warn("stream=log: the stream could not be started, the application runs without it: " + t);
        }
    }

    private static void start(AgentOptions options) {
        try {
            if (!FlightRecorder.isAvailable()) {
                AgentLog.warn("stream=log: the flight recorder is not available in this JVM; no stream");
                return;
            }
            AnomalyDumper.Options dumps = options.dumpOn() == null ? null : new AnomalyDumper.Options(
                    options.dumpOn(), options.dumpDir().toAbsolutePath(), AnomalyDumper.Options.DEFAULT_MAX_FILES,
                    AnomalyDumper.Options.DEFAULT_MIN_GAP);
            InProcessStream stream = InProcessStream.start(
                    IntervalOptions.DEFAULT.withInterval(options.streamInterval()).withStillRunning(options.stillRunning()), new LoggingSink(), dumps);
            Thread closer = new Thread(() -> close(stream), CLOSE_THREAD);
            try {
                Runtime.getRuntime().addShutdownHook(closer);
            } catch (IllegalStateException shuttingDown) {
                close(stream);
                return;
            }
            AgentLog.debug("stream=log: streaming every " + options.streamInterval()
                    + (dumps == null ? "" : ", dumping on " + dumps.minSeverity().id() + " to " + dumps.directory()));
        } catch (Throwable t) {
            AgentLog.warn("stream=log: the stream could not be started, the application runs without it: " + t);
        }
    }

    private static void close(InProcessStream stream) {
        try {
            stream.close();
        } catch (Throwable t) {
            AgentLog.debug("stream=log: closing the stream failed: " + t);
        }
    }
}
