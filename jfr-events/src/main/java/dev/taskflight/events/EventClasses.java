package dev.taskflight.events;

import dev.taskflight.events.agent.AgentInfoEvent;
import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.PollInProgressEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.steal.TaskStealEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.util.List;
import jdk.jfr.Event;

/**
 * The classes of Taskflight's JFR events, in the order of {@link EventNames#ALL}.
 *
 * <p>The recorder registers them all with {@link jdk.jfr.FlightRecorder#register(Class)} when it is
 * set up, before the first pool runs. An event type registered while a recording runs adds metadata to
 * the current chunk, and a stream that is reading that chunk rebuilds its parsers. On JDKs without the
 * fix for JDK-8382242 that rebuild discards the strings the stream has read from the JDK's string pool:
 * every later event that refers to one of them (a watchdog's stack, a long pool or task name) then reads
 * {@code null}. Registering Taskflight's events up front keeps them from causing that mid-chunk, and
 * keeps an event class's first load (and JFR's instrumentation of it) off the workers' threads.
 */
public final class EventClasses {

    private static final List<Class<? extends Event>> ALL = List.of(TaskPollEvent.class, WorkerParkEvent.class,
            TaskStealEvent.class, WorkerSampleEvent.class, QueueSampleEvent.class, PoolInfoEvent.class,
            PollInProgressEvent.class, SchedulingDelaySampleEvent.class, AgentInfoEvent.class);

    private EventClasses() {
    }

    /**
     * Returns every Taskflight event class.
     *
     * @return the classes, in the order of {@link EventNames#ALL}, not {@code null}
     */
    public static List<Class<? extends Event>> all() {
        return ALL;
    }
}
