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
                .map(e -> e.getString(FieldNames.TASK_NAME))
                .filter(n -> n != null)
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
        List<String> names = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .map(e -> e.getString(FieldNames.TASK_NAME))
                .filter(n -> n != null)
                .collect(Collectors.toList());
        assertThat(names).anyMatch(name -> name.startsWith(workload + ".main (lambda "))
                .contains(workload + "::hold")
                .as("a task that is not a lambda is named by its class")
                .contains(NamedTasksWorkload.CallableTask.class.getName())
                .as("no lambda of the workload is named by its hidden class")
                .noneMatch(name -> name.startsWith(workload + "$$Lambda"));
        assertThat(AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL)))
                .as("TaskPoll version 2 names the task by taskName alone")
                .allSatisfy(e -> assertThat(e.hasField(FieldNames.TASK_CLASS)).isFalse());
    }
}
