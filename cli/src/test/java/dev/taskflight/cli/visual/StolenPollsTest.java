package dev.taskflight.cli.visual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.cli.visual.SchedulerEvents.Poll;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.steal.TaskStealEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline's and the report's "stolen" flag: from the {@code TaskSteal} a worker records just
 * before the poll of the task it took ({@code TaskPoll} version 2), or from the poll's own
 * {@code stolen} field in a recording made with version 1.
 */
class StolenPollsTest {

    @TempDir
    Path dir;

    /** A {@code TaskPoll} as version 1 of the event contract wrote it. */
    @Name(EventNames.TASK_POLL)
    @StackTrace(false)
    static final class TaskPollV1 extends Event {
        String pool;
        int worker;
        Class<?> taskClass;
        @Timespan(Timespan.NANOSECONDS)
        long schedulingDelay;
        boolean stolen;
    }

    @Test
    void aPollAfterASteal_onItsThread_isStolen_andTheNextPollIsNot() throws Exception {
        List<Poll> polls = read(() -> {
            steal("fj", 1);
            poll("fj", 1, "stolen");
            poll("fj", 1, "own");
            Thread other = new Thread(() -> poll("fj", 0, "other thread"));
            other.start();
            join(other);
        });
        assertThat(polls).extracting(p -> p.task() + "=" + p.stolen())
                .containsExactlyInAnyOrder("stolen=true", "own=false", "other thread=false");
    }

    @Test
    void aVersion1PollSaysItself() throws Exception {
        List<Poll> polls = read(() -> {
            TaskPollV1 stolen = new TaskPollV1();
            stolen.pool = "fj";
            stolen.taskClass = Runnable.class;
            stolen.stolen = true;
            stolen.commit();
            TaskPollV1 own = new TaskPollV1();
            own.pool = "fj";
            own.taskClass = Thread.class;
            own.schedulingDelay = 2_500;
            own.commit();
        });
        assertThat(polls).extracting(p -> p.task() + "=" + p.stolen() + "/" + p.delay())
                .containsExactly("java.lang.Runnable=true/0", "java.lang.Thread=false/2500");
    }

    private List<Poll> read(Runnable events) throws Exception {
        Path jfr = dir.resolve("steals.jfr");
        try (Recording r = new Recording()) {
            r.enable(EventNames.TASK_POLL).withoutThreshold();
            r.enable(EventNames.TASK_STEAL);
            r.start();
            events.run();
            r.stop();
            r.dump(jfr);
        }
        List<Poll> polls = new ArrayList<>();
        EventReader reader = new EventReader(new SchedulerEvents.Listener() {
            @Override
            public void poll(Poll p) {
                polls.add(p);
            }
        });
        List<RecordedEvent> all = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> reader.names().contains(e.getEventType().getName()))
                .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
                .collect(Collectors.toList());
        all.forEach(reader::accept);
        return polls;
    }

    private static void steal(String pool, int worker) {
        TaskStealEvent e = new TaskStealEvent();
        e.pool = pool;
        e.worker = worker;
        e.victimQueue = 0;
        e.commit();
    }

    private static void poll(String pool, int worker, String task) {
        TaskPollEvent e = new TaskPollEvent();
        e.begin();
        e.pool = PoolField.write(pool); // as the recorder writes it
        e.worker = worker;
        e.taskName = task;
        e.schedulingDelay = TaskPollEvent.UNKNOWN_DELAY;
        e.commit();
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
