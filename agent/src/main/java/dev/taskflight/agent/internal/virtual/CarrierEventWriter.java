package dev.taskflight.agent.internal.virtual;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.recorder.core.RecordingMode;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a carrier's next JFR event after a virtual thread that wrote one of its own unmounts.
 *
 * <p>A carrier and the virtual threads it mounts share one JFR event writer, which JFR switches
 * to the thread that asks for it. On JDK 25, switching it back from a virtual thread to the
 * carrier leaves the writer invalid, and the next event the carrier commits is discarded
 * ({@code EventWriter.endEvent()} on an invalid writer resets it and drops the event). A mount
 * whose virtual thread committed a {@code jdk.SocketRead}, {@code jdk.ThreadSleep}, ... therefore
 * lost its own {@code TaskPoll} (or the carrier's next {@code WorkerPark}). Right after each
 * unmount, while a recording runs, the carrier takes its writer back itself and, if JFR left it
 * invalid, clears that state exactly as {@code endEvent()} would (position back to the start of
 * the free space, valid again): no event is open on the carrier at that moment, so nothing is
 * dropped and nothing is written.
 *
 * <p>Reaching the writer needs {@code jdk.jfr}'s internal packages, opened to the agent at start;
 * on a JDK whose writer lacks what this reads, nothing is done (one debug line).
 */
public final class CarrierEventWriter {

    private static volatile Handles handles;

    private CarrierEventWriter() {
    }

    /**
     * Opens {@code jdk.jfr}'s writer to the agent and looks its members up.
     *
     * @param instrumentation the JVM's instrumentation
     */
    public static void install(Instrumentation instrumentation) {
        try {
            Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
            if (jfr.isEmpty()) {
                return;
            }
            Module agent = CarrierEventWriter.class.getModule();
            instrumentation.redefineModule(jfr.get(), Set.of(), Map.of("jdk.jfr.internal", Set.of(agent)),
                    Map.of("jdk.jfr.internal.event", Set.of(agent)), Set.of(), Map.of());
            handles = Handles.lookUp(jfr.get().getClassLoader());
        } catch (Throwable t) {
            AgentLog.debug("JFR's event writer not reachable (" + t + "): a carrier's event right after a"
                    + " virtual thread's own may be lost");
        }
    }

    /** The carrier, just after a virtual thread unmounted: takes its writer back and keeps it valid. */
    static void afterUnmount() {
        Handles h = handles;
        if (h == null || !RecordingMode.recording()) {
            return;
        }
        try {
            Object writer = h.get.invokeExact();
            if (writer != null && !(boolean) h.valid.invokeExact(writer)) {
                h.reset.invokeExact(writer);
                h.setValid.invokeExact(writer, true);
            }
        } catch (Throwable t) {
            handles = null;
            AgentLog.hookFailed(t);
        }
    }

    /** The writer's members the repair uses. */
    private record Handles(MethodHandle get, MethodHandle valid, MethodHandle setValid, MethodHandle reset) {

        static Handles lookUp(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> jvm = Class.forName("jdk.jfr.internal.JVM", false, loader);
            Class<?> writer = Class.forName("jdk.jfr.internal.event.EventWriter", false, loader);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(writer, MethodHandles.lookup());
            MethodType getter = MethodType.methodType(boolean.class, Object.class);
            return new Handles(
                    MethodHandles.lookup().findStatic(jvm, "getEventWriter", MethodType.methodType(writer))
                            .asType(MethodType.methodType(Object.class)),
                    lookup.findGetter(writer, "valid", boolean.class).asType(getter),
                    lookup.findSetter(writer, "valid", boolean.class)
                            .asType(MethodType.methodType(void.class, Object.class, boolean.class)),
                    lookup.findVirtual(writer, "reset", MethodType.methodType(void.class))
                            .asType(MethodType.methodType(void.class, Object.class)));
        }
    }
}
