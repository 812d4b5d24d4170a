package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.FieldNames;
import dev.taskflight.events.PoolField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCThreadGroup;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.LabeledIdentifier;

/**
 * The engine's {@link EventView} of a JMC {@code IItem}: fields by name, with the values JMC's
 * parser gives them turned into what {@code jdk.jfr.consumer} gives (timespans and timestamps in
 * nanoseconds, threads by id and name, classes by name). Fields JMC renames are found under both
 * names. Reusable: {@link #of(IItem)} points it at the next item. Not thread-safe.
 */
final class ItemView implements EventView {

    /** Fields JMC's parser renames, by the name {@code jdk.jfr.consumer} gives them. */
    /** The thread group of every virtual thread ({@code java.lang.Thread}'s own, since JDK 21). */
    static final String VIRTUAL_THREAD_GROUP = "VirtualThreads";
    private static final Map<String, String> JMC_NAMES = Map.of("sampledThread", "eventThread", "id", "settingFor");

    private final Map<IType<?>, Map<String, IMemberAccessor<?, IItem>>> types = new HashMap<>();
    private Map<String, IMemberAccessor<?, IItem>> accessors;
    private IType<?> type;
    private IItem item;
    private List<? extends IMCFrame> frames;

    /** Points this view at an item. */
    ItemView of(IItem next) {
        this.item = next;
        this.frames = null;
        IType<?> t = next.getType();
        if (t != type) {
            type = t;
            accessors = types.computeIfAbsent(t, ItemView::accessors);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, IMemberAccessor<?, IItem>> accessors(IType<?> type) {
        Map<String, IMemberAccessor<?, IItem>> map = new HashMap<>();
        IType<IItem> t = (IType<IItem>) type;
        for (IAccessorKey<?> key : t.getAccessorKeys().keySet()) {
            IMemberAccessor<?, IItem> a = t.getAccessor(key);
            if (a != null) {
                map.putIfAbsent(key.getIdentifier(), a);
            }
        }
        return map;
    }

    @Override
    public String eventName() {
        return type.getIdentifier();
    }

    @Override
    public long typeId() {
        return -1;
    }

    @Override
    public long startNanos() {
        return getLong("startTime", 0);
    }

    @Override
    public long durationNanos() {
        return Math.max(0, getLong("duration", 0));
    }

    @Override
    public long getLong(String field, long dflt) {
        Object v = value(field);
        if (v instanceof IQuantity) {
            IQuantity q = (IQuantity) v;
            if (q.getUnit().getContentType() == UnitLookup.TIMESPAN) {
                return q.clampedLongValueIn(UnitLookup.NANOSECOND);
            }
            if (q.getUnit().getContentType() == UnitLookup.TIMESTAMP) {
                return q.clampedLongValueIn(UnitLookup.EPOCH_NS);
            }
            return q.longValue();
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (v instanceof LabeledIdentifier) {
            return ((LabeledIdentifier) v).getImplementationId();
        }
        return dflt;
    }

    /**
     * {@inheritDoc}
     *
     * <p>JMC 9.1's parser knows timespans in ticks, nanoseconds and milliseconds, and gives a field in
     * another unit as a plain number. The one such field of Taskflight's events is
     * {@code TaskPoll.schedulingDelay} since version 2 of the event, in microseconds
     * ({@code SchedulingDelaySample}'s, and version 1's, are nanoseconds, which JMC gives as a timespan);
     * {@link Long#MIN_VALUE}, "not measured", stays as it is.
     */
    @Override
    public long getNanos(String field, long dflt) {
        Object v = value(field);
        if (FieldNames.SCHEDULING_DELAY.equals(field) && v instanceof Number && !(v instanceof IQuantity)) {
            long micros = ((Number) v).longValue();
            return micros == Long.MIN_VALUE ? micros
                    : micros > Long.MAX_VALUE / 1_000 ? Long.MAX_VALUE : micros < 0 ? micros : micros * 1_000;
        }
        return getLong(field, dflt);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A percentage (JMC's type of {@code jdk.CPULoad}'s fields) is read as a share from 0 to 1, as
     * {@code jdk.jfr.consumer} gives it.
     */
    @Override
    public double getDouble(String field, double dflt) {
        Object v = value(field);
        if (v instanceof IQuantity) {
            IQuantity q = (IQuantity) v;
            return q.getUnit().getContentType() == UnitLookup.PERCENTAGE ? q.doubleValueIn(UnitLookup.PERCENT_UNITY)
                    : q.doubleValue();
        }
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
        if (v instanceof String) {
            return field.equals(FieldNames.POOL) ? PoolField.read((String) v) : (String) v; // TaskPoll pads it
        }
        return v instanceof LabeledIdentifier ? ((LabeledIdentifier) v).getInterfaceId() : dflt;
    }

    @Override
    public long threadId(String field) {
        Object v = value(field);
        Long id = v instanceof IMCThread ? ((IMCThread) v).getThreadId() : null;
        return id == null ? -1 : id;
    }

    @Override
    public String threadName(String field) {
        Object v = value(field);
        String name = v instanceof IMCThread ? ((IMCThread) v).getThreadName() : null;
        return name == null ? "" : name;
    }

    /**
     * JMC's thread ({@link IMCThread}, JMC 9.1) does not carry the recording's {@code virtual} flag; the JDK
     * puts every virtual thread in its one thread group, {@value #VIRTUAL_THREAD_GROUP}, and JFR records
     * that group, so the group says it.
     */
    @Override
    public boolean threadVirtual(String field) {
        Object v = value(field);
        IMCThreadGroup group = v instanceof IMCThread ? ((IMCThread) v).getThreadGroup() : null;
        return group != null && VIRTUAL_THREAD_GROUP.equals(group.getName());
    }

    @Override
    public String className(String field) {
        Object v = value(field);
        return v instanceof IMCType ? ((IMCType) v).getFullName() : null;
    }

    @Override
    public int frameCount() {
        return frames().size();
    }

    @Override
    public String frame(int index) {
        IMCMethod method = frames().get(index).getMethod();
        if (method == null) {
            return "<unknown>";
        }
        String owner = method.getType() == null ? "<unknown>" : method.getType().getFullName();
        return owner + "." + method.getMethodName();
    }

    private List<? extends IMCFrame> frames() {
        if (frames == null) {
            Object v = value("stackTrace");
            frames = v instanceof IMCStackTrace ? ((IMCStackTrace) v).getFrames() : List.of();
        }
        return frames;
    }

    private Object value(String field) {
        IMemberAccessor<?, IItem> a = accessors.get(field);
        if (a == null) {
            String renamed = JMC_NAMES.get(field);
            a = renamed == null ? null : accessors.get(renamed);
            if (a == null) {
                return null;
            }
        }
        try {
            return a.getMember(item);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
