package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.NamedTasksWorkload;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long poll is named by the application's task, not by the JDK's wrapper around it, even though
 * the wrappers forget their task when it completes and a poll is recorded when it ends.
 */
class AgentTaskNamesIT {

    @TempDir
    Path dir;

    @Test
    void everyLongPollNamesTheApplicationsTaskBehindTheJdksWrappers() throws Exception {
        Path jfr = dir.resolve("names.jfr");
        ChildJvm.Result child = ChildJvm.run(List.of(
                "-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + ",filename=" + jfr),
                NamedTasksWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        Set<String> named = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .map(e -> e.getClass("taskClass"))
                .filter(c -> c != null)
                .map(c -> c.getName())
                .collect(Collectors.toSet());
        assertThat(named).contains(
                NamedTasksWorkload.CallableTask.class.getName(),
                NamedTasksWorkload.RunnableTask.class.getName(),
                NamedTasksWorkload.CompletionTask.class.getName(),
                NamedTasksWorkload.AsyncTask.class.getName(),
                NamedTasksWorkload.ForkJoinSubmitted.class.getName());
        assertThat(named).noneMatch(n -> n.startsWith("java.util.concurrent."));
    }

    @Test
    void aLambdaOrMethodReferenceTaskIsNamedByTheCodeThatDefinedIt() throws Exception {
        Path jfr = dir.resolve("lambdas.jfr");
        ChildJvm.recordUnderAgent(jfr, "default", "taskflight.jfc", NamedTasksWorkload.class);
        String workload = NamedTasksWorkload.class.getName();
        List<RecordedEvent> lambdaPolls = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .filter(e -> e.getClass(FieldNames.TASK_CLASS) != null
                        && e.getClass(FieldNames.TASK_CLASS).getName().contains("$$Lambda"))
                .collect(Collectors.toList());
        assertThat(lambdaPolls).extracting(e -> e.getString(FieldNames.TASK_NAME))
                .anyMatch(name -> name.startsWith(workload + ".main (lambda "))
                .contains(workload + "::hold");
        assertThat(AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .filter(e -> e.getClass(FieldNames.TASK_CLASS) != null
                        && e.getClass(FieldNames.TASK_CLASS).getName().equals(NamedTasksWorkload.CallableTask.class.getName())))
                .as("a task that is not a lambda has no name")
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getString(FieldNames.TASK_NAME)).isNull());
    }
}
