package dev.taskflight.analysis.read;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.events.FieldNames;
import dev.taskflight.events.PoolField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * The {@link EventView} of a {@code jdk.jfr.consumer.RecordedEvent}. Which fields a type has is
 * resolved once per type and field name: a read then finds the field by identity among the few names
 * asked of that type (callers pass the constants of {@code FieldNames}) and takes its value by
 * position where the JVM allows it ({@link DirectValues}), else by the JDK's scan of the fields by
 * name, which matches the type's own name object by identity. Reusable: {@link #of(RecordedEvent)}
 * points it at the next event. Not thread-safe.
 */
public final class RecordedEventView implements EventView {

    /** The field of {@code java.lang.Thread} that says a thread is virtual (JDK 21 and later). */
    private static final String VIRTUAL = "virtual";

    private final Map<EventType, TypeFields> resolved = new HashMap<>();
    /** Made on first use: a view built where {@code jdk.jfr} is not visible (JMC's OSGi bundle) never needs it. */
    private Constants constants;
    private EventType type;
    private TypeFields names;
    private RecordedEvent event;
    private List<RecordedFrame> frames;
    private String lastPoolField;
    private String lastPoolName;

    private final boolean direct;

    /** Creates a view; point it at an event with {@link #of(RecordedEvent)}. */
    public RecordedEventView() {
        this(true);
    }

    /** Creates a view that reads values by position where it can ({@code direct}), or always by name. */
    RecordedEventView(boolean direct) {
        // DirectValues is first touched when a field is read: a view made where jdk.jfr is not
        // visible (JMC's OSGi bundle builds the engine's handler set, then reads through ItemView)
        // must not link it
        this.direct = direct;
    }

    /**
     * Points this view at an event.
     *
     * @param e the event, not {@code null}
     * @return this view
     */
    public RecordedEventView of(RecordedEvent e) {
        this.event = e;
        this.frames = null;
        EventType t = e.getEventType();
        if (t != type) {
            type = t;
            names = resolved.computeIfAbsent(t, k -> new TypeFields(k, direct));
        }
        return this;
    }

    @Override
    public String eventName() {
        return type.getName();
    }

    @Override
    public long typeId() {
        return type.getId();
    }

    @Override
    public long startNanos() {
        return Fields.epochNanos(event.getStartTime());
    }

    @Override
    public long durationNanos() {
        return Fields.nanos(event.getDuration());
    }

    @Override
    public long getLong(String field, long dflt) {
        Object v = value(field);
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        return v instanceof Character ? (Character) v : dflt;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A field in a unit of time is scaled by the unit its type declares; {@link Long#MIN_VALUE}
     * and {@link Long#MAX_VALUE}, JFR's "none" and "forever", are returned as they are, in any unit.
     */
    @Override
    public long getNanos(String field, long dflt) {
        Field f = names.field(field);
        if (f == Field.MISSING) {
            return dflt;
        }
        if (f.nanosPerUnit > 0) {
            Object v = value(field);
            if (!(v instanceof Number)) {
                return dflt;
            }
            long raw = ((Number) v).longValue();
            if (raw == Long.MIN_VALUE || raw == Long.MAX_VALUE || f.nanosPerUnit == 1) {
                return raw;
            }
            long high = Math.multiplyHigh(raw, f.nanosPerUnit);
            long low = raw * f.nanosPerUnit;
            return high == (low >> 63) ? low : raw < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        try {
            return Fields.nanos(event.getDuration(f.name)); // ticks, or no unit: the JDK's conversion
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    @Override
    public double getDouble(String field, double dflt) {
        Object v = value(field);
        return v instanceof Number ? ((Number) v).doubleValue() : dflt;
    }

    @Override
    public boolean getBoolean(String field, boolean dflt) {
        Object v = value(field);
        return v instanceof Boolean ? (Boolean) v : dflt;
    }

    @Override
    public String getString(String field, String dflt) {
        Object v = value(field);
        if (!(v instanceof String)) {
            return dflt;
        }
        return field.equals(FieldNames.POOL) ? poolName((String) v) : (String) v;
    }

    /**
     * The name in a {@code pool} field, without {@code TaskPoll}'s padding ({@link PoolField}). JFR hands
     * out one string per string-pool constant of a chunk, and a worker's polls come in runs, so the last
     * padded value is remembered by identity.
     */
    private String poolName(String value) {
        if (value == lastPoolField) {
            return lastPoolName;
        }
        String name = PoolField.read(value);
        if (name != value) {
            lastPoolField = value;
            lastPoolName = name;
        }
        return name;
    }

    @Override
    public long threadId(String field) {
        Object v = value(field);
        return v instanceof RecordedThread ? constants().threadIds.get((RecordedThread) v) : -1;
    }

    @Override
    public String threadName(String field) {
        Object v = value(field);
        return v instanceof RecordedThread ? constants().threadNames.get((RecordedThread) v) : "";
    }

    @Override
    public boolean threadVirtual(String field) {
        Object v = value(field);
        return v instanceof RecordedThread && constants().virtual.get((RecordedThread) v);
    }

    @Override
    public String className(String field) {
        Object v = value(field);
        return v instanceof RecordedClass ? constants().classNames.get((RecordedClass) v) : null;
    }

    @Override
    public int frameCount() {
        return frames().size();
    }

    @Override
    public String frame(int index) {
        return Frames.name(frames().get(index));
    }

    private List<RecordedFrame> frames() {
        if (frames == null) {
            RecordedStackTrace stack = event.getStackTrace();
            frames = stack == null ? List.of() : stack.getFrames();
        }
        return frames;
    }

    private Object value(String field) {
        Field f = names.field(field);
        if (f == Field.MISSING) {
            return null;
        }
        try {
            if (f.index >= 0) {
                Object v = DirectValues.at(event, f.index);
                if (v == null || !f.struct || DirectValues.isParsedObject(v)) {
                    return v;
                }
            }
            return event.getValue(f.name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String name(String field) {
        return names.field(field).name;
    }

    private Constants constants() {
        if (constants == null) {
            constants = new Constants();
        }
        return constants;
    }

    /**
     * A field of an event type as reads find it: the type's own name object (so that the JDK's scan
     * by name matches by identity), its index in the type's fields when values can be read by
     * position ({@link DirectValues}; else -1), whether it is a struct, whose stored value
     * {@code getValue} may convert, and, for a timespan in a fixed unit, the nanoseconds in one unit
     * (else 0).
     */
    private static final class Field {
        static final Field MISSING = new Field(null, -1, false, 0);
        final String name;
        final int index;
        final boolean struct;
        final long nanosPerUnit;

        Field(String name, int index, boolean struct, long nanosPerUnit) {
            this.name = name;
            this.index = index;
            this.struct = struct;
            this.nanosPerUnit = nanosPerUnit;
        }

        /** @return the nanoseconds in one unit of the field's {@code @Timespan}, or 0 if it has none or counts ticks */
        static long nanosPerUnit(ValueDescriptor v) {
            Timespan t = v.getAnnotation(Timespan.class);
            if (t == null) {
                return 0;
            }
            switch (t.value()) {
                case Timespan.NANOSECONDS: return 1;
                case Timespan.MICROSECONDS: return 1_000;
                case Timespan.MILLISECONDS: return 1_000_000;
                case Timespan.SECONDS: return 1_000_000_000;
                default: return 0;
            }
        }
    }

    /**
     * The fields one event type was asked for. The first {@link #FAST} names asked are found by
     * identity in two arrays, in the order first asked (callers pass the constants of
     * {@code FieldNames}, in the same order for every event of a type, so the next one is usually
     * where the last one ended); any others, and equal names that are other objects, by a hash map.
     */
    private static final class TypeFields {
        static final int FAST = 12;
        final EventType type;
        final boolean direct;
        final String[] asked = new String[FAST];
        final Field[] fields = new Field[FAST];
        int size;
        /** Where the next name asked is likely to be: a reader asks a type's fields in the same order. */
        int next;
        final Map<String, Field> others = new HashMap<>();

        TypeFields(EventType type, boolean direct) {
            this.type = type;
            this.direct = direct;
        }

        Field field(String name) {
            String[] a = asked;
            int i = next;
            if (i < size && a[i] == name) {
                next = i + 1;
                return fields[i];
            }
            for (i = 0; i < size; i++) {
                if (a[i] == name) {
                    next = i + 1;
                    return fields[i];
                }
            }
            return resolve(name);
        }

        private Field resolve(String name) {
            Field f = others.get(name);
            if (f == null) {
                f = Field.MISSING;
                List<ValueDescriptor> all = type.getFields();
                for (int i = 0; i < all.size(); i++) {
                    ValueDescriptor v = all.get(i);
                    if (v.getName().equals(name)) {
                        f = new Field(v.getName(), direct && DirectValues.available() ? i : -1, !v.getFields().isEmpty(),
                                Field.nanosPerUnit(v));
                        break;
                    }
                }
                others.put(name, f);
            }
            if (size < FAST) {
                asked[size] = name;
                fields[size] = f;
                size++;
            }
            return f;
        }
    }

    /** A thread's id, name and virtuality and a class's name, read once per constant of a chunk. */
    private static final class Constants {
        final IdentityCache<RecordedThread, Long> threadIds = new IdentityCache<>(Fields::threadId);
        final IdentityCache<RecordedThread, String> threadNames = new IdentityCache<>(Fields::threadName);
        final IdentityCache<RecordedThread, Boolean> virtual = new IdentityCache<>(
                t -> t.hasField(VIRTUAL) && t.getBoolean(VIRTUAL));
        final IdentityCache<RecordedClass, String> classNames = new IdentityCache<>(c -> Fields.javaName(c.getName()));
    }
}
