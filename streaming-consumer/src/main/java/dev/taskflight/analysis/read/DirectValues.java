package dev.taskflight.analysis.read;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;

/**
 * A field's value by its position in the event type, without the JDK's scan of the fields by name.
 *
 * <p>{@code RecordedObject.getValue(name)} walks the type's field list on every read; on a trace
 * recording the analysis's first pass spent about half its time there, more than the JDK spent
 * parsing the events. The JDK keeps each value by position, behind the package-private
 * {@code RecordedObject.objectAt(int)} (JDK 17 to 25; {@code RecordedEvent} overrides it to supply
 * its start time and duration). That method is used when the JVM opens {@code jdk.jfr.consumer} to
 * this code, as {@code jfr-analyze}'s jar asks in its manifest ({@code Add-Opens}); anywhere else
 * {@link #available()} is {@code false} and reads take the public, slower path. Callers use it only
 * for fields whose value {@code getValue} returns as it is stored: primitives, strings, and the
 * constant objects (threads, classes) the parser makes. Only this class names {@code RecordedObject}:
 * {@link RecordedEventView} must load where {@code jdk.jfr} is not visible (JMC's OSGi bundle), and
 * the verifier would load {@code RecordedObject} to check a {@code RecordedEvent} passed as one.
 */
final class DirectValues {

    private static final MethodHandle OBJECT_AT = objectAt();

    private DirectValues() {
    }

    /** Returns whether values can be read by position in this JVM. */
    static boolean available() {
        return OBJECT_AT != null;
    }

    /**
     * Returns the value at a position of the object's type's fields, as stored.
     *
     * @param o the event
     * @param index the field's index in its type's field list
     * @return the value, or {@code null}
     */
    static Object at(RecordedEvent o, int index) {
        try {
            return (Object) OBJECT_AT.invokeExact(o, index);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Returns whether a stored value is one of the parser's objects, which {@code getValue} returns as it is. */
    static boolean isParsedObject(Object value) {
        return value instanceof RecordedObject;
    }

    private static MethodHandle objectAt() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(RecordedObject.class, MethodHandles.lookup());
            return lookup.findVirtual(RecordedObject.class, "objectAt", MethodType.methodType(Object.class, int.class))
                    .asType(MethodType.methodType(Object.class, RecordedEvent.class, int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
