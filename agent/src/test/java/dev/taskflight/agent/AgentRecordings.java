package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.AgentBlocking;
import dev.taskflight.events.ThreadNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * The recording options that record every class load and definition, for
     * {@link #assertNoTaskflightClassLoadedByTheApplication} and {@link #assertWovenBeforeMain}:
     * a {@code -XX:StartFlightRecording} option.
     */
    static final String CLASS_LOADS = "jdk.ClassLoad#enabled=true,jdk.ClassDefine#enabled=true";

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
     * Fails unless the recording has class definitions ({@link #CLASS_LOADS}) and none of the named classes was
     * defined on one of the application's threads while it ran: the agent loads, and so weaves, each library class
     * it hooks that the class path holds in {@code premain}, before the recording starts and before {@code main},
     * so that the application's first use of the library does not wait for Byte Buddy's weaving. (A
     * {@code jdk.ClassLoad} is no proof: the JVM records one, of a microsecond, where the application's code
     * first resolves a class its loader has already loaded.)
     *
     * @param events a recording's events
     * @param classNames the library classes the agent weaves, binary names
     */
    static void assertWovenBeforeMain(List<RecordedEvent> events, String... classNames) {
        assertThat(events).as("class definitions recorded (%s)", CLASS_LOADS)
                .anyMatch(e -> e.getEventType().getName().equals("jdk.ClassDefine"));
        List<String> names = List.of(classNames);
        List<String> defined = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.ClassDefine")) {
                RecordedClass c = e.getValue("definedClass");
                RecordedThread thread = e.getThread();
                if (c != null && names.contains(c.getName()) && thread != null && applicationThread(thread.getJavaName())) {
                    defined.add(c.getName() + " on " + thread.getJavaName());
                }
            }
        }
        assertThat(defined).as("woven classes defined on the application's threads, not before main").isEmpty();
    }

    /** Each class of Taskflight's loaded on an application's thread, as "class on thread". */
    private static List<String> taskflightLoadsOnApplicationThreads(List<RecordedEvent> events) {
        List<String> onApplicationThreads = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ClassLoad")) {
                continue;
            }
            RecordedClass loaded = e.getValue("loadedClass");
            RecordedClassLoader initiating = e.getValue("initiatingClassLoader");
            RecordedThread thread = e.getThread();
            String name = loaded == null ? "" : loaded.getName();
            boolean taskflightClass = name.startsWith("dev.taskflight.")
                    && !name.startsWith("dev.taskflight.agent.child.")
                    && !name.startsWith("dev.taskflight.agent.shaded.net.bytebuddy.");
            boolean load = initiating == null || initiating.getType() == null;
            if (taskflightClass && load && thread != null && applicationThread(thread.getJavaName())) {
                onApplicationThreads.add(name + " on " + thread.getJavaName());
            }
        }
        return onApplicationThreads;
    }

    /** Neither Taskflight's nor the attach thread, nor one of JFR's. */
    private static boolean applicationThread(String name) {
        return !ThreadNames.isTaskflight(name) && !name.equals("Attach Listener") && !name.startsWith("JFR ");
    }
}
