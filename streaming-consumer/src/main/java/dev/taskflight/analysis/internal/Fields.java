package dev.taskflight.analysis.internal;

import dev.taskflight.events.FieldNames;
import dev.taskflight.events.PoolField;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedThread;

/** Reads event fields by name, tolerating missing fields and unexpected types: a default instead. */
public final class Fields {

    private Fields() {
    }

    /** Returns the named integral field, or {@code dflt} when absent or not a number. */
    public static long getLong(RecordedObject object, String name, long dflt) {
        Object v = value(object, name);
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (v instanceof Character) {
            return (Character) v;
        }
        return dflt;
    }

    /** Returns the named integral field narrowed to an int, or {@code dflt}. */
    public static int getInt(RecordedObject object, String name, int dflt) {
        long v = getLong(object, name, dflt);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
    }

    /** Returns the named boolean field, or {@code dflt}. */
    public static boolean getBoolean(RecordedObject object, String name, boolean dflt) {
        Object v = value(object, name);
        return v instanceof Boolean ? (Boolean) v : dflt;
    }

    /**
     * Returns the named string field, or {@code dflt} (which may be {@code null}); a {@code pool} field
     * without {@code TaskPoll}'s padding ({@link PoolField}).
     */
    public static String getString(RecordedObject object, String name, String dflt) {
        Object v = value(object, name);
        if (!(v instanceof String)) {
            return dflt;
        }
        return name.equals(FieldNames.POOL) ? PoolField.read((String) v) : (String) v;
    }

    /** Returns the named timespan field in nanoseconds, whatever its unit, or {@code dflt}. */
    public static long getDurationNanos(RecordedObject object, String name, long dflt) {
        if (!object.hasField(name)) {
            return dflt;
        }
        try {
            return nanos(object.getDuration(name));
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    /** Returns the name of the named class field as Java writes it ({@code int[]}), or {@code null}. */
    public static String getClassName(RecordedObject object, String name) {
        Object v = value(object, name);
        return v instanceof RecordedClass ? javaName(((RecordedClass) v).getName()) : null;
    }

    /**
     * Turns a JVM class name, as JFR records it ({@code [I}, {@code [Ljava.lang.String;}), into the
     * name Java source and JMC use ({@code int[]}, {@code java.lang.String[]}); other names are
     * returned unchanged.
     *
     * @param name a class name, or {@code null}
     * @return the Java name, or {@code null}
     */
    public static String javaName(String name) {
        if (name == null || !name.startsWith("[")) {
            return name;
        }
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        String element;
        switch (name.charAt(Math.min(dims, name.length() - 1))) {
            case 'Z': element = "boolean"; break;
            case 'B': element = "byte"; break;
            case 'C': element = "char"; break;
            case 'S': element = "short"; break;
            case 'I': element = "int"; break;
            case 'J': element = "long"; break;
            case 'F': element = "float"; break;
            case 'D': element = "double"; break;
            case 'L': element = name.substring(dims + 1, name.endsWith(";") ? name.length() - 1 : name.length()); break;
            default: return name;
        }
        return element + "[]".repeat(dims);
    }

    /** Returns the named thread field, or {@code null}. */
    public static RecordedThread getThread(RecordedObject object, String name) {
        Object v = value(object, name);
        return v instanceof RecordedThread ? (RecordedThread) v : null;
    }

    /** Returns the Java thread id of a thread, or -1 for {@code null} and non-Java threads. */
    public static long threadId(RecordedThread thread) {
        return thread == null ? -1 : thread.getJavaThreadId();
    }

    /** Returns a thread's Java name, its OS name if it has none, or {@code ""}. */
    public static String threadName(RecordedThread thread) {
        if (thread == null) {
            return "";
        }
        String name = thread.getJavaName();
        if (name == null || name.isEmpty()) {
            name = thread.getOSName();
        }
        return name == null ? "" : name;
    }

    /** Converts an instant to nanoseconds since the epoch. */
    public static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Converts nanoseconds since the epoch to an instant. */
    public static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** Returns a duration in nanoseconds, saturating instead of overflowing. */
    public static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static Object value(RecordedObject object, String name) {
        if (!object.hasField(name)) {
            return null;
        }
        try {
            return object.getValue(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
