package dev.taskflight.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.PollCpuTimeEvent;
import dev.taskflight.events.poll.PollInProgressEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.steal.TaskStealEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import dev.taskflight.events.agent.AgentInfoEvent;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

    private static final List<Class<?>> EVENTS = List.of(TaskPollEvent.class, WorkerParkEvent.class,
            TaskStealEvent.class, WorkerSampleEvent.class, QueueSampleEvent.class, PoolInfoEvent.class,
            PollInProgressEvent.class, PollCpuTimeEvent.class, SchedulingDelaySampleEvent.class, AgentInfoEvent.class);

    /** The JDK's fields named in {@link FieldNames}, with an event of the JDK 17 that has each. */
    private static final Map<String, String> JDK_FIELDS = Map.ofEntries(
            Map.entry(FieldNames.EVENT_THREAD, "jdk.ThreadPark"),
            Map.entry(FieldNames.SAMPLED_THREAD, "jdk.ExecutionSample"),
            Map.entry(FieldNames.THREAD, "jdk.ThreadStart"),
            Map.entry(FieldNames.MONITOR_CLASS, "jdk.JavaMonitorEnter"),
            Map.entry(FieldNames.PARKED_CLASS, "jdk.ThreadPark"),
            Map.entry(FieldNames.HOST, "jdk.SocketRead"),
            Map.entry(FieldNames.ADDRESS, "jdk.SocketRead"),
            Map.entry(FieldNames.PORT, "jdk.SocketRead"),
            Map.entry(FieldNames.PATH, "jdk.FileRead"),
            Map.entry(FieldNames.SETTING_ID, "jdk.ActiveSetting"),
            Map.entry(FieldNames.SETTING_NAME, "jdk.ActiveSetting"),
            Map.entry(FieldNames.SETTING_VALUE, "jdk.ActiveSetting"),
            Map.entry(FieldNames.SUM_OF_PAUSES, "jdk.GarbageCollection"),
            Map.entry(FieldNames.MACHINE_TOTAL, "jdk.CPULoad"));

    /** Fields of JDK events that are newer than JDK 17. */
    private static final Set<String> NEWER_JDK_FIELDS = Set.of(FieldNames.CARRIER_THREAD, FieldNames.PINNED_REASON,
            FieldNames.SAMPLING_PERIOD, FieldNames.FAILED);

    /** Fields of Taskflight's events that only older recordings have, which the analyzers still read. */
    private static final Set<String> OLDER_TASKFLIGHT_FIELDS = Set.of(FieldNames.STOLEN);

    @Test
    void everyTaskflightFieldNameIsAFieldOfAnEventClass() throws IllegalAccessException {
        Set<String> declared = EVENTS.stream().flatMap(c -> Arrays.stream(c.getDeclaredFields()))
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName).collect(Collectors.toSet());
        for (String name : constants()) {
            if (OLDER_TASKFLIGHT_FIELDS.contains(name)) {
                assertThat(declared).as(name + ": no longer written").doesNotContain(name);
            } else if (!JDK_FIELDS.containsKey(name) && !NEWER_JDK_FIELDS.contains(name)) {
                assertThat(declared).as(name).contains(name);
            }
        }
    }

    @Test
    void everyJdkFieldNameIsAFieldOfTheJdksEvent() {
        Map<String, EventType> types = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .collect(Collectors.toMap(EventType::getName, t -> t, (a, b) -> a));
        JDK_FIELDS.forEach((field, event) -> assertThat(types.get(event).getField(field)).as(event + "." + field)
                .isNotNull());
    }

    private static List<String> constants() throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field f : FieldNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                values.add((String) f.get(null));
            }
        }
        assertThat(values).isNotEmpty();
        return values;
    }
}
