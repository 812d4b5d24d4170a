package dev.taskflight.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.agent.AgentInfoEvent;
import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.PollCpuTimeEvent;
import dev.taskflight.events.poll.PollInProgressEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.steal.TaskStealEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Timespan;
import java.util.Map;
import jdk.jfr.Period;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventMetadataTest {

    /** Fields every event has and that no event class may redeclare. */
    private static final Set<String> IMPLICIT = Set.of("startTime", "duration", "eventThread", "stackTrace");

    /** Content types that make a number a quantity in JMC and in {@code jfr print}. */
    private static final Set<String> UNIT_ANNOTATIONS =
            Set.of("jdk.jfr.Timespan", "jdk.jfr.Unsigned", "jdk.jfr.DataAmount", "jdk.jfr.Percentage");

    static List<Class<? extends Event>> eventClasses() {
        return List.of(TaskPollEvent.class, WorkerParkEvent.class, TaskStealEvent.class,
                WorkerSampleEvent.class, QueueSampleEvent.class, PoolInfoEvent.class,
                PollInProgressEvent.class, PollCpuTimeEvent.class, SchedulingDelaySampleEvent.class, AgentInfoEvent.class);
    }

    @Test
    void theNamesClassListsExactlyTheEventClasses() {
        List<String> names = eventClasses().stream()
                .map(c -> EventType.getEventType(c).getName())
                .collect(Collectors.toList());
        assertThat(names).containsExactlyElementsOf(EventNames.ALL);
    }

    @Test
    void theClassesTheRecorderRegistersAreExactlyTheEventClasses() {
        assertThat(EventClasses.all()).containsExactlyElementsOf(eventClasses());
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void everyEventIsNamedLabelledDescribedAndCategorised(Class<? extends Event> eventClass) {
        EventType type = EventType.getEventType(eventClass);
        assertThat(type.getName()).startsWith(EventNames.PREFIX).doesNotEndWith("Event");
        // headline style, as the JDK's labels ("CPU Load"): capitalised words or acronyms
        assertThat(type.getLabel()).matches("(([A-Z][a-z]+|[A-Z]{2,}) ?)+");
        assertThat(type.getDescription()).isNotBlank();
        assertThat(type.getCategoryNames()).hasSize(2).first().isEqualTo(EventNames.CATEGORY);
        assertThat(eventClass.getModifiers() & java.lang.reflect.Modifier.FINAL).isNotZero();
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void everyFieldIsLabelledDescribedAndNumbersCarryAUnit(Class<? extends Event> eventClass) {
        EventType type = EventType.getEventType(eventClass);
        List<ValueDescriptor> own = type.getFields().stream()
                .filter(f -> !IMPLICIT.contains(f.getName()))
                .collect(Collectors.toList());
        assertThat(own).isNotEmpty();
        for (ValueDescriptor field : own) {
            assertThat(field.getLabel()).as(field.getName()).isNotBlank();
            assertThat(field.getDescription()).as(field.getName()).isNotBlank();
            assertThat(field.getName()).as("camelCase, no 'is' prefix").matches("[a-z][A-Za-z]*").doesNotStartWith("is");
            if (field.getTypeName().equals("long")) {
                boolean hasUnit = field.getAnnotationElements().stream()
                        .anyMatch(a -> UNIT_ANNOTATIONS.contains(a.getTypeName()));
                boolean signedCount = field.getDescription().contains("-1");
                assertThat(hasUnit || signedCount).as("%s.%s has a unit or documents -1", type.getName(), field.getName()).isTrue();
            }
        }
    }

    @Test
    void durationsAreTimespansInNanoseconds_butAPollsDelayInMicroseconds() {
        Stream.of(TaskPollEvent.class, WorkerSampleEvent.class, PoolInfoEvent.class,
                        PollInProgressEvent.class, PollCpuTimeEvent.class, SchedulingDelaySampleEvent.class)
                .map(EventType::getEventType)
                .flatMap(t -> t.getFields().stream().map(f -> Map.entry(t.getName(), f)))
                .filter(e -> e.getValue().getName().endsWith("Time") || e.getValue().getName().endsWith("Delay"))
                .filter(e -> !IMPLICIT.contains(e.getValue().getName()))
                .forEach(e -> {
                    ValueDescriptor f = e.getValue();
                    assertThat(f.getContentType()).as(f.getName()).isEqualTo("jdk.jfr.Timespan");
                    // TaskPoll's delay is its one field in microseconds: a byte less on every traced poll
                    String unit = e.getKey().equals(EventNames.TASK_POLL) && f.getName().equals(FieldNames.SCHEDULING_DELAY)
                            ? Timespan.MICROSECONDS : Timespan.NANOSECONDS;
                    assertThat(f.getAnnotation(Timespan.class).value()).as(e.getKey() + "." + f.getName()).isEqualTo(unit);
                });
    }

    @Test
    void annotationDefaultsAreSafeForProduction() {
        assertThat(setting(TaskPollEvent.class, "threshold")).isEqualTo("10 ms");
        assertThat(setting(TaskPollEvent.class, "enabled")).isEqualTo("true");
        assertThat(setting(WorkerParkEvent.class, "threshold")).isEqualTo("1 ms");
        assertThat(setting(TaskStealEvent.class, "enabled")).isEqualTo("false");
        // "period" becomes a setting only once a hook is registered; the annotation is the default.
        assertThat(period(WorkerSampleEvent.class)).isEqualTo("1 s");
        assertThat(period(QueueSampleEvent.class)).isEqualTo("1 s");
        assertThat(period(PoolInfoEvent.class)).isEqualTo("everyChunk");
        for (Class<? extends Event> c : eventClasses()) {
            assertThat(setting(c, "stackTrace")).as(c.getSimpleName()).isIn("false", null);
        }
    }

    private static String period(Class<? extends Event> eventClass) {
        return eventClass.getAnnotation(Period.class).value();
    }

    private static String setting(Class<? extends Event> eventClass, String name) {
        return EventType.getEventType(eventClass).getSettingDescriptors().stream()
                .filter(s -> s.getName().equals(name))
                .map(SettingDescriptor::getDefaultValue)
                .findFirst()
                .orElse(null);
    }
}
