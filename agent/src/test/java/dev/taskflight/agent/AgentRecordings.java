package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.AgentBlocking;
import dev.taskflight.events.ThreadNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedClassLoader;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a recording a child JVM made under the agent, after checking that the agent never blocked one
 * of the application's threads in it ({@link AgentBlocking}): every test that reads its child's recording
 * through here checks, on a real workload, that the agent takes no lock and waits on nothing that the
 * JDK's monitor and park events can see.
 */
final class AgentRecordings {

    /**
     * The recording option that records every class load, for {@link #assertNoTaskflightClassLoadedByTheApplication}:
     * a {@code -XX:StartFlightRecording} option.
     */
    static final String CLASS_LOADS = "jdk.ClassLoad#enabled=true";

    private AgentRecordings() {
    }

    /**
     * All events of the recording; fails if Taskflight's code blocked a thread of the application in it,
     * or, if the recording has class loads ({@link #CLASS_LOADS}), if one of the application's threads
     * loaded a class of Taskflight's.
     */
    static List<RecordedEvent> read(Path jfr) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<RecordedEvent> blocked = AgentBlocking.byTaskflight(events);
        assertThat(blocked).as("application threads blocked by Taskflight's code in %s:%n%s", jfr.getFileName(),
                AgentBlocking.describe(blocked)).isEmpty();
        assertThat(taskflightLoadsOnApplicationThreads(events))
                .as("Taskflight's classes loaded on the application's threads in %s", jfr.getFileName()).isEmpty();
        return events;
    }

    /**
     * Fails unless the recording has class loads ({@link #CLASS_LOADS}) and none of them is of a class of
     * Taskflight's on one of the application's threads. A class initialized on a worker makes the pool's
     * other workers wait for it (a Jetty worker was seen waiting 10 ms so), and an event class is registered
     * under JFR's lock (two Netty loops were seen waiting 20 ms for each other so): the agent loads and
     * initializes what its hooks need on the thread that installs it, {@code premain}'s or the attach's,
     * before a hook can run. A class the application's loader only looks up (the hooks, called from the
     * woven code) is no load. A lambda of Taskflight's linked on a first call is a load too: the JDK spins a
     * hidden class for it. Not counted: the agent's embedded Byte Buddy, whose class matcher runs on
     * whichever thread loads a class, as every Java agent's transformer does, and loads its own classes
     * where it first needs them; the test's own child programs; Taskflight's threads, the attach thread and
     * JFR's (whose periodic thread runs the samplers).
     *
     * @param events a recording's events
     */
    static void assertNoTaskflightClassLoadedByTheApplication(List<RecordedEvent> events) {
        assertThat(events).as("class loads recorded (%s)", CLASS_LOADS)
                .anyMatch(e -> e.getEventType().getName().equals("jdk.ClassLoad"));
        assertThat(taskflightLoadsOnApplicationThreads(events)).as("Taskflight's classes loaded on the application's threads")
                .isEmpty();
    }

    /**
     * Each class of Taskflight's loaded on an application's thread, as "class on thread": its load by the boot
     * loader, where the hooks live, not the application's loader looking it up there.
     */
    private static List<String> taskflightLoadsOnApplicationThreads(List<RecordedEvent> events) {
        List<String> loads = new ArrayList<>();
        for (ClassLoad load : classLoads(events)) {
            String name = load.name();
            if (name.startsWith("dev.taskflight.") && !name.startsWith("dev.taskflight.agent.child.")
                    && !name.startsWith("dev.taskflight.agent.shaded.net.bytebuddy.") && load.byBootLoader()) {
                loads.add(load.toString());
            }
        }
        return loads;
    }

    /**
     * Each class of the given names that its own loader loaded on an application's thread while the recording
     * ran ({@link #CLASS_LOADS}), as "class on thread": a class the agent loads in {@code premain}, before the
     * recording starts and before {@code main}, is none.
     *
     * @param events a recording's events
     * @param classes which class names to report
     * @return the loads, empty if none
     */
    static List<String> loadsOnApplicationThreads(List<RecordedEvent> events, Predicate<String> classes) {
        List<String> loads = new ArrayList<>();
        for (ClassLoad load : classLoads(events)) {
            if (classes.test(load.name()) && (load.byBootLoader() || load.byItsOwnLoader())) {
                loads.add(load.toString());
            }
        }
        return loads;
    }

    /** A {@code jdk.ClassLoad} on one of the application's threads. */
    private record ClassLoad(String name, String thread, boolean byBootLoader, boolean byItsOwnLoader) {
        @Override
        public String toString() {
            return name + " on " + thread;
        }
    }

    /** The recording's {@code jdk.ClassLoad} events on the application's threads. */
    private static List<ClassLoad> classLoads(List<RecordedEvent> events) {
        List<ClassLoad> loads = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ClassLoad")) {
                continue;
            }
            RecordedClass loaded = e.getValue("loadedClass");
            RecordedClassLoader initiating = e.getValue("initiatingClassLoader");
            RecordedClassLoader defining = loaded == null ? null : loaded.getClassLoader();
            RecordedThread thread = e.getThread();
            if (loaded != null && thread != null && applicationThread(thread.getJavaName())) {
                boolean boot = initiating == null || initiating.getType() == null;
                boolean own = initiating != null && defining != null && initiating.getId() == defining.getId();
                loads.add(new ClassLoad(loaded.getName(), thread.getJavaName(), boot, own));
            }
        }
        return loads;
    }

    /** Neither Taskflight's nor the attach thread, nor one of JFR's. */
    private static boolean applicationThread(String name) {
        return !ThreadNames.isTaskflight(name) && !name.equals("Attach Listener") && !name.startsWith("JFR ");
    }
}
