package dev.taskflight.cli.visual;

import dev.taskflight.analysis.source.RecordingLayout;
import dev.taskflight.cli.visual.SchedulerEvents.Listener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleConsumer;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * One streaming pass over a recording that hands the scheduler's events to a {@link Listener}. A
 * complete file is read with {@link EventStream} (only the types read are parsed); a damaged one with
 * {@link RecordingFile}, up to the damage. Within one thread, events arrive in the order they were
 * committed; across threads in no particular order.
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
        java.util.function.Consumer<RecordedEvent> accept = e -> {
            reader.accept(e);
            if (++seen[0] % PROGRESS_EVERY == 0 && span > 0) {
                progress.accept(Math.max(0, Math.min(1, (double) (EventReader.nanos(e.getEndTime()) - begin) / span)));
            }
        };
        if (layout.complete()) {
            try (EventStream stream = EventStream.openFile(file)) {
                stream.setOrdered(false);
                stream.setReuse(true);
                for (String name : reader.names()) {
                    stream.onEvent(name, accept);
                }
                stream.start();
            }
        } else {
            Set<String> names = new HashSet<>(reader.names());
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent e = recording.readEvent();
                    if (names.contains(e.getEventType().getName())) {
                        accept.accept(e);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (seen[0] == 0) {
                    throw e instanceof IOException ? (IOException) e : new IOException(e);
                }
                // a damaged recording: read up to the damage, as the analysis did
            }
        }
        progress.accept(1.0);
    }
}
