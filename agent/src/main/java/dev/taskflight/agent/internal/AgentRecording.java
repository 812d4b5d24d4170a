package dev.taskflight.agent.internal;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The agent option {@code record}: starts a flight recording named {@value #NAME} with the JDK's
 * {@code default} settings and a Taskflight profile on top (as
 * {@code -XX:StartFlightRecording:settings=default,settings=taskflight.jfc} would), kept on disk for at
 * most {@link #MAX_AGE} and {@link #MAX_SIZE} bytes, unless a running recording already records
 * Taskflight's events. The outcome goes to the system property {@link AgentProperties#RECORDING}.
 * Never throws.
 */
final class AgentRecording {

    /** The recording's name, for {@code jcmd PID JFR.dump name=taskflight}. */
    static final String NAME = "taskflight";
    /** How much the recording keeps, at most. */
    static final Duration MAX_AGE = Duration.ofHours(1);
    /** How much the recording keeps, at most, in bytes. */
    static final long MAX_SIZE = 250L * 1024 * 1024;

    private AgentRecording() {
    }

    /**
     * Starts the recording the options ask for, if any.
     *
     * @param options the agent options, not {@code null}
     */
    static void startIfAsked(AgentOptions options) {
        if (options.record() == null) {
            return;
        }
        String outcome;
        try {
            outcome = start(options.record());
        } catch (Throwable t) {
            outcome = "failed: " + t;
            AgentLog.warn("record=" + options.record() + ": no recording started: " + t);
        }
        AgentProperties.set(AgentProperties.RECORDING, outcome);
    }

    private static String start(String profile) throws Exception {
        if (!FlightRecorder.isAvailable()) {
            AgentLog.warn("record=" + profile + ": the flight recorder is not available in this JVM");
            return "failed: the flight recorder is not available in this JVM";
        }
        Optional<Recording> running = FlightRecorder.getFlightRecorder().getRecordings().stream()
                .filter(r -> r.getState() == RecordingState.RUNNING && recordsTaskflight(r.getSettings()))
                .findFirst();
        if (running.isPresent()) {
            return "running " + running.get().getName();
        }
        Map<String, String> settings;
        switch (profile) {
            case "production":
                settings = TaskflightSettings.layered("default", Profile.PRODUCTION);
                break;
            case "trace":
                settings = TaskflightSettings.layered("profile", Profile.TRACE);
                break;
            default:
                settings = Configuration.getConfiguration("default").getSettings();
                settings = new java.util.HashMap<>(settings);
                settings.putAll(Configuration.create(Path.of(profile)).getSettings());
                break;
        }
        Recording recording = new Recording(settings);
        recording.setName(NAME);
        recording.setToDisk(true);
        recording.setMaxAge(MAX_AGE);
        recording.setMaxSize(MAX_SIZE);
        recording.start();
        return "started " + NAME + " " + profile;
    }

    private static boolean recordsTaskflight(Map<String, String> settings) {
        return "true".equals(settings.get(EventNames.POOL_INFO + "#enabled"));
    }
}
