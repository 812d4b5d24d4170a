package dev.taskflight.analysis.live;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.EventStream;

/**
 * Runs an interval analysis over a live stream until the stream ends, the monitored JVM exits, or a
 * time limit passes, and says which. The stream is read on its own thread; the caller's thread
 * only watches.
 */
public final class LiveStream {

    /** How often the monitored process is checked. */
    static final Duration WATCH_PERIOD = Duration.ofMillis(250);
    /** How long closing waits for the stream's thread to deliver the last interval. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Why a live stream ended. */
    public enum Reason {
        /** The time limit passed, or the stream was closed by its owner. */
        STOPPED,
        /** The monitored JVM exited or disconnected. */
        TARGET_EXITED,
        /** Reading the stream failed. */
        FAILED
    }

    /**
     * The monitored JVM, as the stream's watcher sees it.
     */
    public interface Target {
        /**
         * Returns whether the monitored JVM still runs and is reachable; called about every 250 ms
         * from the watching thread, so it must be cheap.
         *
         * @return {@code false} once it has exited or disconnected
         */
        boolean alive();

        /**
         * Returns why it is no longer alive, as the end of the sentence "the stream ended: ...".
         *
         * @return the reason, not {@code null}
         */
        String gone();

        /**
         * Returns a target watched through its process, on this host.
         *
         * @param process the process, not {@code null}
         * @return the target, not {@code null}
         */
        static Target of(ProcessHandle process) {
            return new Target() {
                @Override
                public boolean alive() {
                    return process.isAlive();
                }

                @Override
                public String gone() {
                    return "the monitored JVM (pid " + process.pid() + ") exited";
                }
            };
        }
    }

    /**
     * How a live stream ended.
     *
     * @param reason why, not {@code null}
     * @param message one sentence saying why, not {@code null}
     * @param intervals the intervals closed
     */
    public record End(Reason reason, String message, long intervals) {
    }

    private LiveStream() {
    }

    /**
     * Registers the analyzer with the stream, starts it, and waits until it ends.
     *
     * @param stream the stream, not started, not {@code null}; closed on return
     * @param analyzer the analysis, not {@code null}
     * @param target the monitored JVM, watched for exit or disconnection; empty if unknown
     * @param limit how long to stream at most; empty for no limit
     * @return how the stream ended, not {@code null}
     * @throws InterruptedException if the calling thread is interrupted (the stream is closed first)
     */
    public static End run(EventStream stream, IntervalAnalyzer analyzer, Optional<Target> target,
            Optional<Duration> limit) throws InterruptedException {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(analyzer, "analyzer");
        AtomicReference<Throwable> error = new AtomicReference<>();
        analyzer.register(stream);
        stream.onError(error::set);
        AtomicBoolean closed = new AtomicBoolean();
        stream.onClose(() -> closed.set(true));
        long deadline = limit.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        try (stream) {
            stream.startAsync();
            while (true) {
                stream.awaitTermination(WATCH_PERIOD);
                boolean ended = closed.get();
                if (target.isPresent() && !target.get().alive()) {
                    return close(stream, analyzer, Reason.TARGET_EXITED, target.get().gone());
                }
                if (error.get() != null) {
                    return close(stream, analyzer, Reason.FAILED, "reading the stream failed: " + message(error.get()));
                }
                if (ended) {
                    return close(stream, analyzer, Reason.TARGET_EXITED, "the stream ended");
                }
                if (System.nanoTime() - deadline >= 0) {
                    return close(stream, analyzer, Reason.STOPPED, "the time limit passed");
                }
            }
        } catch (InterruptedException e) {
            stream.close();
            throw e;
        }
    }

    private static End close(EventStream stream, IntervalAnalyzer analyzer, Reason reason, String message)
            throws InterruptedException {
        stream.close();
        stream.awaitTermination(CLOSE_WAIT);
        return new End(reason, message, analyzer.intervals());
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
