package dev.taskflight.analysis.read;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * The {@link EventView} of a {@code jdk.jfr.consumer.RecordedEvent}. Which fields a type has is
 * resolved once per type, so that a read costs a map lookup and an identity-fast scan of the type's
 * fields. Reusable: {@link #of(RecordedEvent)} points it at the next event. Not thread-safe.
 */
public final class RecordedEventView implements EventView {

    /** The field of {@code java.lang.Thread} that says a thread is virtual (JDK 21 and later). */
    private static final String VIRTUAL = "virtual";

    private static final String MISSING = new String("<missing>");

    private final Map<EventType, Map<String, String>> resolved = new HashMap<>();
    /** Made on first use: a view built where {@code jdk.jfr} is not visible (JMC's OSGi bundle) never needs it. */
    private Constants constants;
    private EventType type;
    private Map<String, String> names;
    private RecordedEvent event;
    private List<RecordedFrame> frames;

    /** Creates a view; point it at an event with {@link #of(RecordedEvent)}. */
    public RecordedEventView() {
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
            names = resolved.computeIfAbsent(t, k -> new HashMap<>());
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

    @Override
    public long getNanos(String field, long dflt) {
        String name = name(field);
        if (name == MISSING) {
            return dflt;
        }
        try {
            return Fields.nanos(event.getDuration(name));
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    @Override
    public boolean getBoolean(String field, boolean dflt) {
        Object v = value(field);
        return v instanceof Boolean ? (Boolean) v : dflt;
    }

    @Override
    public String getString(String field, String dflt) {
        Object v = value(field);
        return v instanceof String ? (String) v : dflt;
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
        String name = name(field);
        if (name == MISSING) {
            return null;
        }
        try {
            return event.getValue(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String name(String field) {
        String name = names.get(field);
        if (name == null) {
            name = MISSING;
            for (ValueDescriptor v : type.getFields()) {
                if (v.getName().equals(field)) {
                    name = v.getName();
                    break;
                }
            }
            names.put(field, name);
        }
        return name;
    }

    private Constants constants() {
        if (constants == null) {
            constants = new Constants();
        }
        return constants;
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
