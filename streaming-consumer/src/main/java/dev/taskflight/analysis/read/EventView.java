package dev.taskflight.analysis.read;

import dev.taskflight.events.FieldNames;

/**
 * One event, read by field name: the single view the analysis engine's handlers read, whatever
 * parsed the recording. {@link RecordedEventView} adapts {@code jdk.jfr.consumer.RecordedEvent};
 * the JMC plugin adapts JMC's {@code IItem} the same way, so that the command line and JMC run the
 * same handlers on the same fields.
 *
 * <p>Every read tolerates a missing field or a value of an unexpected type: it returns the default
 * given, {@code -1}, {@code ""} or {@code null} as stated, never throws. Field names are the
 * constants of {@code dev.taskflight.events.FieldNames}. A view may be reused for the next event:
 * handlers must not keep it.
 */
public interface EventView {

    /**
     * Returns the event type's name, such as {@code taskflight.TaskPoll}.
     *
     * @return the name, not {@code null}
     */
    String eventName();

    /**
     * Returns the event type's numeric id within its recording, for matching {@code jdk.ActiveSetting}.
     *
     * @return the id, -1 if the parser does not expose it
     */
    long typeId();

    /**
     * Returns when the event started.
     *
     * @return nanoseconds since the epoch
     */
    long startNanos();

    /**
     * Returns how long the event lasted.
     *
     * @return nanoseconds, 0 for an instant event
     */
    long durationNanos();

    /**
     * Returns when the event ended.
     *
     * @return nanoseconds since the epoch
     */
    default long endNanos() {
        return startNanos() + durationNanos();
    }

    /**
     * Returns an integral field; a timespan in the unit it was recorded in (Taskflight records
     * nanoseconds).
     *
     * @param field the field's name, not {@code null}
     * @param dflt the value when absent
     * @return the value, or {@code dflt}
     */
    long getLong(String field, long dflt);

    /**
     * Returns an integral field narrowed to an int.
     *
     * @param field the field's name, not {@code null}
     * @param dflt the value when absent or out of range
     * @return the value, or {@code dflt}
     */
    default int getInt(String field, int dflt) {
        long v = getLong(field, dflt);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
    }

    /**
     * Returns a timespan field in nanoseconds, whatever unit it was recorded in.
     *
     * @param field the field's name, not {@code null}
     * @param dflt the value when absent
     * @return the nanoseconds, or {@code dflt}
     */
    long getNanos(String field, long dflt);

    /**
     * Returns a numeric field as a {@code double}, such as a share from 0 to 1 ({@code jdk.CPULoad}'s
     * {@code machineTotal}). The default returns {@code dflt}: a view that cannot read fractions reads
     * none.
     *
     * @param field the field's name, not {@code null}
     * @param dflt the value when absent or not a number
     * @return the value, or {@code dflt}
     */
    default double getDouble(String field, double dflt) {
        return dflt;
    }

    /**
     * Returns a boolean field.
     *
     * @param field the field's name, not {@code null}
     * @param dflt the value when absent
     * @return the value, or {@code dflt}
     */
    boolean getBoolean(String field, boolean dflt);

    /**
     * Returns a text field. A {@code pool} field is the pool's name, without the padding
     * {@code taskflight.TaskPoll} writes ({@code dev.taskflight.events.PoolField}).
     *
     * @param field the field's name, not {@code null}
     * @param dflt the value when absent, may be {@code null}
     * @return the value, or {@code dflt}
     */
    String getString(String field, String dflt);

    /**
     * Returns the Java id of a thread field.
     *
     * @param field the field's name, not {@code null}
     * @return the id, -1 when absent or not a Java thread
     */
    long threadId(String field);

    /**
     * Returns the name of a thread field: its Java name, else its OS name.
     *
     * @param field the field's name, not {@code null}
     * @return the name, {@code ""} when absent
     */
    String threadName(String field);

    /**
     * Returns whether a thread field is a virtual thread, as JDK 21 and later record it.
     *
     * @param field the field's name, not {@code null}
     * @return {@code true} for a virtual thread; {@code false} otherwise, and when the recording does not say
     */
    default boolean threadVirtual(String field) {
        return false;
    }

    /**
     * Returns the name of a class field as Java writes it ({@code int[]}, {@code com.acme.Task}).
     *
     * @param field the field's name, not {@code null}
     * @return the name, or {@code null} when absent
     */
    String className(String field);

    /**
     * Returns the task a poll event names: the code that defined it when the recorder named a lambda or
     * method reference ({@code taskName}, absent in older recordings), else its task class's name.
     *
     * @return the name, or {@code null} when the event names no task
     */
    default String taskName() {
        String name = getString(FieldNames.TASK_NAME, null);
        return name != null && !name.isEmpty() ? name : className(FieldNames.TASK_CLASS);
    }

    /**
     * Returns the number of frames of the event's stack trace.
     *
     * @return the count, 0 without a stack trace
     */
    int frameCount();

    /**
     * Returns a frame of the event's stack trace as {@code com.acme.Type.method}.
     *
     * @param index the frame, 0 the innermost, less than {@link #frameCount()}
     * @return the frame's method, {@code <unknown>} if the recording does not name it
     */
    String frame(int index);
}
