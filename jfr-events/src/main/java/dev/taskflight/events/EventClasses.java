package dev.taskflight.events;

import dev.taskflight.events.agent.AgentInfoEvent;
import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.PollCpuTimeEvent;
import dev.taskflight.events.poll.PollInProgressEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.steal.TaskStealEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.util.List;
import jdk.jfr.Event;

/**
 * The classes of Taskflight's JFR events, in the order of {@link EventNames#ALL}, and their
 * initialization ahead of use.
 *
 * <p>The recorder initializes them all ({@link #initializeAll()}) when it is set up, before the first
 * pool runs; initializing an event class registers its type with JFR. An event type registered while a
 * recording runs adds metadata to the current chunk, and a stream that is reading that chunk rebuilds
 * its parsers. On JDKs without the fix for JDK-8382242 that rebuild discards the strings the stream has
 * read from the JDK's string pool: every later event that refers to one of them (a watchdog's stack, a
 * long pool or task name) then reads {@code null}. Initializing Taskflight's events up front keeps them
 * from causing that mid-chunk, and keeps an event class's first load (and JFR's instrumentation of it)
 * off the workers' threads.
 */
public final class EventClasses {

    private static final List<Class<? extends Event>> ALL = List.of(TaskPollEvent.class, WorkerParkEvent.class,
            TaskStealEvent.class, WorkerSampleEvent.class, QueueSampleEvent.class, PoolInfoEvent.class,
            PollInProgressEvent.class, PollCpuTimeEvent.class, SchedulingDelaySampleEvent.class, AgentInfoEvent.class);

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

    /**
     * Initializes every Taskflight event class, which registers its type with JFR.
     *
     * @throws LinkageError if a class cannot be initialized
     * @see #initialize(Class)
     */
    public static void initializeAll() {
        for (Class<? extends Event> type : ALL) {
            initialize(type);
        }
    }

    /**
     * Initializes an event class, which registers its type with JFR; does nothing if it is initialized.
     * Call it before any JFR method that registers the class ({@link jdk.jfr.FlightRecorder#register},
     * {@link jdk.jfr.FlightRecorder#addPeriodicEvent}, {@link jdk.jfr.EventType#getEventType}), and
     * never use those to initialize it: they take JFR's metadata lock and then wait for the class's
     * initialization, while a thread initializing the class (a worker writing its first event) takes the
     * two in the other order. The two threads then wait for each other for ever (seen on JDK 17: an
     * attach's set-up and a pool's first worker).
     *
     * @param type the event class, not {@code null}
     * @throws LinkageError if the class cannot be initialized
     */
    public static void initialize(Class<? extends Event> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) { // its own loader loaded it
            throw new NoClassDefFoundError(type.getName());
        }
    }
}
