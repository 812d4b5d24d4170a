package dev.taskflight.analysis;

import dev.taskflight.analysis.read.EventView;

/**
 * Turns the events of one type into calls on plain aggregator objects.
 *
 * <p>Handlers are registered with an event source by {@link #eventName()}, so that a stream parses
 * only the events some handler reads. A handler reads fields by name through an {@link EventView},
 * whatever parsed the recording, and tolerates missing and unknown fields. Handlers are not thread-safe: a source calls them from one thread at a time, and
 * they do not keep the event, which a source may reuse.
 */
public interface EventHandler {

    /**
     * Returns the name of the event type this handler reads.
     *
     * @return the event name, such as {@code taskflight.TaskPoll}, not {@code null}
     */
    String eventName();

    /**
     * Reads one event.
     *
     * @param event an event named {@link #eventName()}, not {@code null}
     */
    void handle(EventView event);
}
