package dev.taskflight.analysis.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.Recordings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class RecordedEventViewTest {

    /**
     * The build opens {@code jdk.jfr.consumer} to the tests as {@code jfr-analyze}'s manifest does for
     * users, so that every test reads values the way users' runs do.
     */
    @Test
    void valuesAreReadByPositionWhereTheJvmOpensTheConsumerPackage() {
        assertThat(DirectValues.available()).isTrue();
    }

    @Test
    void everyFieldOfEveryEventReadsTheSameByPositionAsByName() throws Exception {
        RecordedEventView byPosition = new RecordedEventView(true);
        RecordedEventView byName = new RecordedEventView(false);
        Set<String> typesCompared = new TreeSet<>();
        int reads = 0;
        for (Path file : List.of(Recordings.problems(), Recordings.jdkOnly())) {
            try (RecordingFile f = new RecordingFile(file)) {
                while (f.hasMoreEvents()) {
                    RecordedEvent e = f.readEvent();
                    byPosition.of(e);
                    byName.of(e);
                    for (ValueDescriptor field : e.getEventType().getFields()) {
                        String name = field.getName();
                        // the type's own name object, and an equal one that is not (callers' constants)
                        assertThat(reads(byPosition, name)).as("%s.%s", e.getEventType().getName(), name)
                                .isEqualTo(reads(byName, new String(name)));
                        reads++;
                    }
                    typesCompared.add(e.getEventType().getName());
                }
            }
        }
        assertThat(typesCompared).contains("taskflight.TaskPoll", "taskflight.WorkerPark", "taskflight.WorkerSample",
                "jdk.ExecutionSample", "jdk.ThreadPark", "jdk.JavaMonitorEnter");
        assertThat(reads).isGreaterThan(10_000);
    }

    /** Every reading of a field the view offers, as comparable values. */
    private static List<Object> reads(RecordedEventView view, String field) {
        List<Object> r = new ArrayList<>();
        r.add(view.getLong(field, Long.MIN_VALUE));
        r.add(view.getInt(field, Integer.MIN_VALUE));
        r.add(view.getBoolean(field, false));
        r.add(view.getBoolean(field, true));
        r.add(Objects.toString(view.getString(field, "<none>")));
        r.add(view.threadId(field));
        r.add(view.threadName(field));
        r.add(view.threadVirtual(field));
        r.add(Objects.toString(view.className(field)));
        r.add(view.getNanos(field, Long.MIN_VALUE));
        return r;
    }
}
