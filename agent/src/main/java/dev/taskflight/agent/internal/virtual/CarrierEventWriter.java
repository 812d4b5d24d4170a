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

    /** Whether the writer's members were found; cleared for good by a failure. */
    private static volatile boolean enabled;

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
            enabled = Handles.found(); // looked up now, once opened
        } catch (Throwable t) {
            unreachable(t);
        }
    }

    private static void unreachable(Throwable cause) {
        AgentLog.debug("JFR's event writer not reachable (" + cause + "): a carrier's event right after a"
                + " virtual thread's own may be lost");
    }

    /** The carrier, just after a virtual thread unmounted: takes its writer back and keeps it valid. */
    static void afterUnmount() {
        if (!enabled || !RecordingMode.recording()) {
            return;
        }
        try {
            Object writer = Handles.GET.invokeExact();
            if (writer != null && !(boolean) Handles.VALID.invokeExact(writer)) {
                Handles.RESET.invokeExact(writer);
                Handles.SET_VALID.invokeExact(writer, true);
            }
        } catch (Throwable t) {
            enabled = false;
            AgentLog.hookFailed(t);
        }
    }

    /**
     * The writer's members the repair uses, in constants, so that the JIT compiles the calls as direct
     * ones (through a field read each time, they cost about 5 ns more an unmount, JDK 25). Initialized
     * by {@link #install}, once {@code jdk.jfr} is open to the agent.
     */
    private static final class Handles {
        static final MethodHandle GET;
        static final MethodHandle VALID;
        static final MethodHandle SET_VALID;
        static final MethodHandle RESET;

        static {
            MethodHandle get = null;
            MethodHandle valid = null;
            MethodHandle setValid = null;
            MethodHandle reset = null;
            try {
                ClassLoader loader = ModuleLayer.boot().findModule("jdk.jfr").orElseThrow().getClassLoader();
                Class<?> jvm = Class.forName("jdk.jfr.internal.JVM", false, loader);
                Class<?> writer = Class.forName("jdk.jfr.internal.event.EventWriter", false, loader);
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(writer, MethodHandles.lookup());
                get = MethodHandles.lookup().findStatic(jvm, "getEventWriter", MethodType.methodType(writer))
                        .asType(MethodType.methodType(Object.class));
                valid = lookup.findGetter(writer, "valid", boolean.class)
                        .asType(MethodType.methodType(boolean.class, Object.class));
                setValid = lookup.findSetter(writer, "valid", boolean.class)
                        .asType(MethodType.methodType(void.class, Object.class, boolean.class));
                reset = lookup.findVirtual(writer, "reset", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                unreachable(e);
                get = null;
            }
            GET = get;
            VALID = valid;
            SET_VALID = setValid;
            RESET = reset;
        }

        private Handles() {
        }

        static boolean found() {
            return GET != null && VALID != null && SET_VALID != null && RESET != null;
        }
    }
}
