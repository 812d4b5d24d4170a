package dev.taskflight.analysis.internal;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.read.RecordedEventView;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Handlers by event name: registers them with a stream, or dispatches events one at a time. An event
 * a handler cannot read is counted and skipped, never thrown.
 */
public final class HandlerSet {

    private static final System.Logger LOG = System.getLogger(HandlerSet.class.getName());

    private final Map<String, EventHandler> handlers = new LinkedHashMap<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final RecordedEventView view = new RecordedEventView();
    private long handled;
    private long unreadable;

    /** Creates a set of handlers; names must be distinct. */
    public HandlerSet(List<EventHandler> list) {
        for (EventHandler h : list) {
            if (handlers.put(h.eventName(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.eventName());
            }
            counts.put(h.eventName(), new long[1]);
        }
    }

    /** Returns the event names handled. */
    public Set<String> names() {
        return Collections.unmodifiableSet(handlers.keySet());
    }

    /** Registers every handler with a stream, by name, so it parses only those events. */
    public void register(EventStream stream) {
        register(stream, e -> true);
    }

    /** As {@link #register(EventStream)}, dispatching only the events {@code filter} accepts. */
    public void register(EventStream stream, Predicate<? super RecordedEvent> filter) {
        handlers.values().forEach(h -> {
            long[] count = counts.get(h.eventName());
            stream.onEvent(h.eventName(), e -> {
                if (filter.test(e)) {
                    dispatch(h, count, view.of(e));
                }
            });
        });
    }

    /** Dispatches one event; events of other types are ignored. */
    public void accept(RecordedEvent event) {
        EventHandler h = handlers.get(event.getEventType().getName());
        if (h != null) {
            dispatch(h, counts.get(h.eventName()), view.of(event));
        }
    }

    /** Dispatches one event read through any adapter; events of other types are ignored. */
    public void accept(EventView event) {
        EventHandler h = handlers.get(event.eventName());
        if (h != null) {
            dispatch(h, counts.get(h.eventName()), event);
        }
    }

    /** Returns how many events were handled. */
    public long handled() {
        return handled;
    }

    /** Returns how many events could not be read and were skipped. */
    public long unreadable() {
        return unreadable;
    }

    /** Adds another set's counts, for the same handler names. */
    public void mergeCounts(HandlerSet other) {
        handled += other.handled;
        unreadable += other.unreadable;
        other.counts.forEach((name, c) -> {
            long[] mine = counts.get(name);
            if (mine != null) {
                mine[0] += c[0];
            }
        });
    }

    /** Returns how many events of a type were handled. */
    public long handled(String eventName) {
        long[] c = counts.get(eventName);
        return c == null ? 0 : c[0];
    }

    private void dispatch(EventHandler h, long[] count, EventView event) {
        try {
            h.handle(event);
            handled++;
            count[0]++;
        } catch (RuntimeException e) {
            if (unreadable++ == 0) {
                LOG.log(Level.DEBUG, "skipping unreadable " + h.eventName() + " event", e);
            }
        }
    }
}
