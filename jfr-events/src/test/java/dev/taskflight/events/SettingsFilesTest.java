package dev.taskflight.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.TaskflightSettings.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingsFilesTest {

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aProfileNamesEveryEventAndNoUnknownOne(Profile profile) {
        Map<String, String> settings = TaskflightSettings.load(profile).getSettings();
        Set<String> named = new TreeSet<>();
        for (String key : settings.keySet()) {
            named.add(key.substring(0, key.indexOf('#')));
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(EventNames.ALL);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theShippedFileIsTheOneOnTheClasspath(Profile profile) throws IOException, ParseException {
        Path shipped = repositoryRoot().resolve("settings").resolve(profile.fileName());
        Configuration fromFile = Configuration.create(shipped);
        assertThat(fromFile.getSettings()).isEqualTo(TaskflightSettings.load(profile).getSettings());
    }

    @Test
    void productionRecordsLongPollsAndLongParksOnly() {
        Map<String, String> s = TaskflightSettings.load(Profile.PRODUCTION).getSettings();
        assertThat(s).containsEntry(EventNames.TASK_POLL + "#threshold", "10 ms")
                .containsEntry(EventNames.WORKER_PARK + "#threshold", "1 ms")
                .containsEntry(EventNames.TASK_STEAL + "#enabled", "false")
                .containsEntry(EventNames.WORKER_SAMPLE + "#period", "1 s")
                .containsEntry(EventNames.QUEUE_SAMPLE + "#period", "1 s")
                .containsEntry(EventNames.POOL_INFO + "#period", "everyChunk");
    }

    @Test
    void traceRecordsEveryPollParkAndSteal() {
        Map<String, String> s = TaskflightSettings.load(Profile.TRACE).getSettings();
        assertThat(s).containsEntry(EventNames.TASK_POLL + "#threshold", "0 ms")
                .containsEntry(EventNames.WORKER_PARK + "#threshold", "0 ms")
                .containsEntry(EventNames.TASK_STEAL + "#enabled", "true")
                .containsEntry(EventNames.WORKER_SAMPLE + "#period", "100 ms")
                .containsEntry(EventNames.QUEUE_SAMPLE + "#period", "100 ms");
    }

    @Test
    void offTurnsEveryEventOff() {
        Map<String, String> s = TaskflightSettings.load(Profile.OFF).getSettings();
        assertThat(s).hasSize(EventNames.ALL.size()).allSatisfy((key, value) -> {
            assertThat(key).endsWith("#enabled");
            assertThat(value).isEqualTo("false");
        });
    }

    @Test
    void layeringKeepsTheJdkSettingsAndAddsTaskflights() {
        Map<String, String> s = TaskflightSettings.layered("default", Profile.PRODUCTION);
        assertThat(s).containsKey("jdk.ExecutionSample#period")
                .containsEntry(EventNames.TASK_POLL + "#threshold", "10 ms");
    }

    static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("settings"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with settings/").isNotNull();
        return dir;
    }
}
