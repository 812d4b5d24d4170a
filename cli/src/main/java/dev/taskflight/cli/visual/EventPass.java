package dev.taskflight.cli.visual;

import dev.taskflight.analysis.source.RecordingLayout;
import dev.taskflight.analysis.source.TimeSlice;
import dev.taskflight.cli.visual.SchedulerEvents.Listener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * One streaming pass over a recording that hands the scheduler's events to a {@link Listener}. A
 * complete file is read with {@link EventStream} (only the types read are parsed); a damaged one with
 * {@link RecordingFile}, up to the damage. Within one thread, events arrive in the order they were
 * committed; across threads in no particular order. A listener that can merge may read a large file in
 * slices on several threads ({@link #run(Supplier, long[], DoubleConsumer)}), as the analysis does.
 */
public final class EventPass {

    private static final int PROGRESS_EVERY = 4096;

    private final Path file;
    private final RecordingLayout layout;

    /**
     * Creates a pass over a file already inspected.
     *
     * @param file the recording, not {@code null}
     * @param layout its layout, not {@code null}
     */
    public EventPass(Path file, RecordingLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    /**
     * Reads the file in slices as the analysis's first pass cuts it ({@link RecordingLayout#sliceBoundaries()}).
     *
     * @param <L> the listener's type
     * @param listeners makes a listener per slice, not {@code null}
     * @param progress told the fraction of the time span read, not {@code null}
     * @return the listeners, one per slice in time order
     * @throws IOException if the file cannot be read at all
     */
    public <L extends Listener> List<L> runSliced(Supplier<L> listeners, DoubleConsumer progress) throws IOException {
        return run(listeners, layout.sliceBoundaries(), progress);
    }

    /**
     * Reads the file in the time slices {@code cuts} makes, each on its own thread (the first on the
     * calling thread) into its own listener; the listeners come back in time order, for the caller to
     * merge. Without cuts, or on a damaged file, it is one {@link #run(Listener, DoubleConsumer)}.
     *
     * @param <L> the listener's type
     * @param listeners makes a listener per slice, not {@code null}; called on the calling thread
     * @param cuts the slices' boundaries ({@link RecordingLayout#sliceBoundaries()}), not {@code null}
     * @param progress told the fraction of the time span read, from the calling thread, not {@code null}
     * @return the listeners, one per slice in time order
     * @throws IOException if the file cannot be read at all
     */
    public <L extends Listener> List<L> run(Supplier<L> listeners, long[] cuts, DoubleConsumer progress)
            throws IOException {
        List<L> parts = new ArrayList<>();
        if (cuts.length == 0 || !layout.complete()) {
            parts.add(listeners.get());
            run(parts.get(0), progress);
            return parts;
        }
        for (int i = 0; i <= cuts.length; i++) {
            parts.add(listeners.get());
        }
        long begin = EventReader.nanos(layout.start());
        long span = Math.max(1, EventReader.nanos(layout.end()) - begin);
        AtomicLongArray reached = new AtomicLongArray(cuts.length + 1);
        Throwable[] failures = new Throwable[cuts.length + 1];
        List<Thread> threads = new ArrayList<>();
        List<TimeSlice> slices = layout.slices(cuts);
        for (int i = 1; i <= cuts.length; i++) {
            int slice = i;
            Thread t = new Thread(() -> readSlice(slice, slices, parts.get(slice), failures, reached, begin, null, span),
                    "taskflight-report-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        readSlice(0, slices, parts.get(0), failures, reached, begin, progress, span);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading " + file, e);
            }
        }
        for (Throwable failure : failures) {
            if (failure instanceof IOException) {
                throw (IOException) failure;
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure != null) {
                throw (Error) failure;
            }
        }
        progress.accept(1.0);
        return parts;
    }

    private void readSlice(int slice, List<TimeSlice> slices, Listener listener, Throwable[] failures,
            AtomicLongArray reached, long begin, DoubleConsumer progress, long span) {
        EventReader reader = new EventReader(listener);
        TimeSlice part = slices.get(slice);
        long sliceStart = slice == 0 ? begin : part.after();
        long[] seen = new long[1];
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setOrdered(false);
            stream.setReuse(true);
            part.limit(stream);
            Guarded guarded = new Guarded(stream, e -> {
                    if (!part.holds(e)) {
                        return;
                    }
                    reader.accept(e);
                    if (++seen[0] % PROGRESS_EVERY == 0) {
                        reached.set(slice, Math.max(0, EventReader.nanos(e.getEndTime()) - sliceStart));
                        if (progress != null) {
                            long done = 0;
                            for (int i = 0; i < reached.length(); i++) {
                                done += reached.get(i);
                            }
                            progress.accept(Math.min(1.0, (double) done / span));
                        }
                    }
                });
            for (String name : reader.names()) {
                stream.onEvent(name, guarded);
            }
            stream.start();
            guarded.rethrow();
        } catch (IOException | RuntimeException | Error e) {
            failures[slice] = e;
        }
    }

    /**
     * Reads the file.
     *
     * @param listener told of each event, not {@code null}
     * @param progress told the fraction of the time span read, not {@code null}
     * @throws IOException if the file cannot be read at all
     */
    public void run(Listener listener, DoubleConsumer progress) throws IOException {
        EventReader reader = new EventReader(listener);
        long begin = layout.start() == null ? 0 : EventReader.nanos(layout.start());
        long span = layout.end() == null ? 0 : EventReader.nanos(layout.end()) - begin;
        long[] seen = new long[1];
        Consumer<RecordedEvent> accept = e -> {
            reader.accept(e);
            if (++seen[0] % PROGRESS_EVERY == 0 && span > 0) {
                progress.accept(Math.max(0, Math.min(1, (double) (EventReader.nanos(e.getEndTime()) - begin) / span)));
            }
        };
        if (layout.complete()) {
            try (EventStream stream = EventStream.openFile(file)) {
                stream.setOrdered(false);
                stream.setReuse(true);
                Guarded guarded = new Guarded(stream, accept);
                for (String name : reader.names()) {
                    stream.onEvent(name, guarded);
                }
                stream.start();
                guarded.rethrow();
            }
        } else {
            Set<String> names = new HashSet<>(reader.names());
            Guarded guarded = new Guarded(null, accept);
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents() && guarded.failure == null) {
                    RecordedEvent e = recording.readEvent();
                    if (names.contains(e.getEventType().getName())) {
                        guarded.accept(e);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (seen[0] == 0) {
                    throw e instanceof IOException ? (IOException) e : new IOException(e);
                }
                // a damaged recording: read up to the damage, as the analysis did
            }
            guarded.rethrow();
        }
        progress.accept(1.0);
    }

    /**
     * Hands events to the listener until it fails, then stops the stream; the failure is rethrown
     * after the pass. The JDK's stream would print a failing action's stack trace and go on with the
     * next event, and a damaged file's reader would take it for the damage.
     */
    private static final class Guarded implements Consumer<RecordedEvent> {
        private final EventStream stream;
        private final Consumer<RecordedEvent> inner;
        RuntimeException failure;

        Guarded(EventStream stream, Consumer<RecordedEvent> inner) {
            this.stream = stream;
            this.inner = inner;
        }

        @Override
        public void accept(RecordedEvent e) {
            if (failure != null) {
                return;
            }
            try {
                inner.accept(e);
            } catch (RuntimeException ex) {
                failure = ex;
                if (stream != null) {
                    stream.close();
                }
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
