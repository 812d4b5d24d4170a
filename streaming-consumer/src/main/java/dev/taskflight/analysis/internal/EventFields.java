package dev.taskflight.analysis.internal;

import java.util.List;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Fast by-name reads of a fixed set of fields, for high-rate events. Which fields an event type has
 * is resolved once per type, and values are then fetched with the type's own name strings, so a
 * lookup costs one identity comparison per preceding field instead of a {@code hasField} scan plus
 * a string-comparing scan. Missing fields read as defaults, as with {@link Fields}.
 */
public final class EventFields {

    private final String[] names;
    private final String[] resolved;
    private EventType type;

    /** Creates reads of the named fields; a field is later addressed by its index in {@code names}. */
    public EventFields(String... names) {
        this.names = names.clone();
        this.resolved = new String[names.length];
    }

    /** Resolves the fields of the event's type, if it is not the type of the previous event. */
    public void bind(RecordedEvent event) {
        EventType t = event.getEventType();
        if (t == type) {
            return;
        }
        type = t;
        List<ValueDescriptor> fields = t.getFields();
        for (int i = 0; i < names.length; i++) {
            resolved[i] = null;
            for (ValueDescriptor v : fields) {
                if (v.getName().equals(names[i])) {
                    resolved[i] = v.getName();
                    break;
                }
            }
        }
    }

    /** Returns field {@code i} as a long, or {@code dflt}. */
    public long getLong(RecordedEvent event, int i, long dflt) {
        Object v = value(event, i);
        return v instanceof Number ? ((Number) v).longValue() : dflt;
    }

    /** Returns field {@code i} as an int, or {@code dflt}. */
    public int getInt(RecordedEvent event, int i, int dflt) {
        long v = getLong(event, i, dflt);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
    }

    /** Returns field {@code i} as a boolean, or {@code dflt}. */
    public boolean getBoolean(RecordedEvent event, int i, boolean dflt) {
        Object v = value(event, i);
        return v instanceof Boolean ? (Boolean) v : dflt;
    }

    /** Returns field {@code i} as a string, or {@code dflt}. */
    public String getString(RecordedEvent event, int i, String dflt) {
        Object v = value(event, i);
        return v instanceof String ? (String) v : dflt;
    }

    /** Returns field {@code i} as a thread, or {@code null}. */
    public RecordedThread getThread(RecordedEvent event, int i) {
        Object v = value(event, i);
        return v instanceof RecordedThread ? (RecordedThread) v : null;
    }

    /** Returns the name of the class in field {@code i} as Java writes it ({@code int[]}), or {@code null}. */
    public String getClassName(RecordedEvent event, int i) {
        Object v = value(event, i);
        return v instanceof RecordedClass ? Fields.javaName(((RecordedClass) v).getName()) : null;
    }

    private Object value(RecordedEvent event, int i) {
        String name = resolved[i];
        if (name == null) {
            return null;
        }
        try {
            return event.getValue(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
