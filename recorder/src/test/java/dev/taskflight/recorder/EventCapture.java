package dev.taskflight.recorder;

import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/** Streams the Taskflight events of this JVM, with a profile's settings, for one test. */
final class EventCapture implements AutoCloseable {

    private final RecordingStream stream;
    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();

    EventCapture(Profile profile) {
        stream = new RecordingStream(TaskflightSettings.load(profile));
        stream.setReuse(false);
        for (String name : EventNames.ALL) {
            stream.onEvent(name, events::add);
        }
        stream.startAsync();
    }

    /** @return the events of one type and pool received so far */
    List<RecordedEvent> of(String type, String pool) {
        return events.stream()
                .filter(e -> e.getEventType().getName().equals(type))
                .filter(e -> pool.equals(PoolField.read(e.getString("pool"))))
                .collect(Collectors.toList());
    }

    /** Waits until the events of one type and pool satisfy a condition, and returns them. */
    List<RecordedEvent> awaitEvents(String type, String pool, Predicate<List<RecordedEvent>> done) {
        await().atMost(Duration.ofSeconds(60)).until(() -> done.test(of(type, pool)));
        return of(type, pool);
    }

    /** @return the latest WorkerSample of each worker of the pool */
    List<RecordedEvent> latestWorkerSamples(String pool) {
        return of(EventNames.WORKER_SAMPLE, pool).stream()
                .collect(Collectors.groupingBy(e -> e.getInt("worker"),
                        Collectors.reducing((a, b) -> b.getStartTime().isAfter(a.getStartTime()) ? b : a)))
                .values().stream().map(o -> o.orElseThrow()).collect(Collectors.toList());
    }

    /** Waits until the pool's latest worker samples add up to {@code polls} polls. */
    List<RecordedEvent> awaitWorkerPolls(String pool, long polls) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sum(latestWorkerSamples(pool), "polls") == polls);
        return latestWorkerSamples(pool);
    }

    static long sum(List<RecordedEvent> samples, String field) {
        return samples.stream().mapToLong(e -> e.getLong(field)).sum();
    }

    @Override
    public void close() {
        stream.close();
    }
}
