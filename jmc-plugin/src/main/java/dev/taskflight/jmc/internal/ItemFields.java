package dev.taskflight.jmc.internal;

import static org.openjdk.jmc.common.item.Attribute.attr;

import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * Reads event fields from JMC items by name, with the content types JMC gives them, tolerating
 * missing fields: a default instead, as the streaming consumer's {@code Fields} does.
 *
 * <p>JMC types a field by its JFR annotations: an {@code int} becomes a {@link UnitLookup#NUMBER}
 * quantity, a {@code @Timespan} a {@link UnitLookup#TIMESPAN} quantity, but a {@code long} without a
 * content-type annotation (Taskflight's counters: {@code polls}, {@code queuedTasks}...) becomes a
 * {@link UnitLookup#RAW_NUMBER}, which JMC's quantity aggregators do not see. A {@link Numeric}
 * accepts both, so that recordings made before and after such a field gains a unit read alike.
 */
public final class ItemFields {

    private ItemFields() {
    }

    /** A text field. */
    public static IAttribute<String> text(String name) {
        return attr(name, name, UnitLookup.PLAIN_TEXT);
    }

    /** A boolean field. */
    public static IAttribute<Boolean> flag(String name) {
        return attr(name, name, UnitLookup.FLAG);
    }

    /** A thread field. */
    public static IAttribute<IMCThread> thread(String name) {
        return attr(name, name, UnitLookup.THREAD);
    }

    /** A class field. */
    public static IAttribute<IMCType> type(String name) {
        return attr(name, name, UnitLookup.CLASS);
    }

    /** A stack-trace field. */
    public static IAttribute<IMCStackTrace> stackTrace(String name) {
        return attr(name, name, UnitLookup.STACKTRACE);
    }

    /** A timespan field. */
    public static IAttribute<IQuantity> timespan(String name) {
        return attr(name, name, UnitLookup.TIMESPAN);
    }

    /** A timestamp field. */
    public static IAttribute<IQuantity> timestamp(String name) {
        return attr(name, name, UnitLookup.TIMESTAMP);
    }

    /** Returns the accessor of an attribute for a type, or {@code null} if the type lacks it. */
    public static <T> IMemberAccessor<T, IItem> accessor(IType<IItem> type, IAttribute<T> attribute) {
        return attribute.getAccessor(type);
    }

    /** Returns the member of an item, or {@code null} without an accessor. */
    public static <T> T get(IMemberAccessor<T, IItem> accessor, IItem item) {
        return accessor == null ? null : accessor.getMember(item);
    }

    /** Returns a timespan in nanoseconds, or {@code dflt}. */
    public static long nanos(IQuantity q, long dflt) {
        return q == null ? dflt : q.clampedLongValueIn(UnitLookup.NANOSECOND);
    }

    /** Returns a timestamp in nanoseconds since the epoch, or {@code dflt}. */
    public static long epochNanos(IQuantity q, long dflt) {
        return q == null ? dflt : q.clampedLongValueIn(UnitLookup.EPOCH_NS);
    }

    /** Returns a thread's Java id, or -1. */
    public static long threadId(IMCThread thread) {
        Long id = thread == null ? null : thread.getThreadId();
        return id == null ? -1 : id;
    }

    /** Returns a thread's name, or {@code ""}. */
    public static String threadName(IMCThread thread) {
        String name = thread == null ? null : thread.getThreadName();
        return name == null ? "" : name;
    }

    /** Returns a class's binary name, or {@code null}. */
    public static String className(IMCType type) {
        return type == null ? null : type.getFullName();
    }

    /** Returns the top frame as {@code type.method}, or {@code null} without frames. */
    public static String topFrame(IMCStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return null;
        }
        return frame(stack.getFrames().get(0));
    }

    /** Returns the first frame outside the JDK, the top frame if all are the JDK's, or {@code null}. */
    public static String firstApplicationFrame(IMCStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return null;
        }
        for (IMCFrame f : stack.getFrames()) {
            String name = frame(f);
            if (!(name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun."))) {
                return name;
            }
        }
        return frame(stack.getFrames().get(0));
    }

    private static String frame(IMCFrame frame) {
        IMCMethod method = frame.getMethod();
        if (method == null) {
            return "<unknown>";
        }
        String type = method.getType() == null ? "<unknown>" : method.getType().getFullName();
        return type + "." + method.getMethodName();
    }

    /** An integral field, typed as a JMC number quantity or as a raw number. */
    public static final class Numeric {
        private final IMemberAccessor<IQuantity, IItem> quantity;
        private final IMemberAccessor<Number, IItem> raw;

        /**
         * Finds the field in a type.
         *
         * @param type the item type, not {@code null}
         * @param name the field's name, not {@code null}
         */
        public Numeric(IType<IItem> type, String name) {
            this.quantity = attr(name, name, UnitLookup.NUMBER).getAccessor(type);
            this.raw = attr(name, name, UnitLookup.RAW_NUMBER).getAccessor(type);
        }

        /** Returns the field's value, or {@code dflt} when absent. */
        public long get(IItem item, long dflt) {
            IQuantity q = quantity == null ? null : quantity.getMember(item);
            if (q != null) {
                return q.longValue();
            }
            Number n = raw == null ? null : raw.getMember(item);
            return n == null ? dflt : n.longValue();
        }

        /** Returns the field's value narrowed to an int, or {@code dflt}. */
        public int getInt(IItem item, int dflt) {
            long v = get(item, dflt);
            return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
        }
    }
}
