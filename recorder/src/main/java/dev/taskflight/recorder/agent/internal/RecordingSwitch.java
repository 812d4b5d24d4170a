package dev.taskflight.recorder.agent.internal;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether any JFR recording is running. The per-task hooks do nothing else while none is: with no
 * recording, the instrumented schedulers pay one volatile read per hook. Counters therefore count
 * while a recording runs; a poll or park that spans the start of a recording is not recorded.
 */
public final class RecordingSwitch {

    private static volatile boolean active;

    private RecordingSwitch() {
    }

    /** @return whether a recording is running */
    public static boolean active() {
        return active;
    }

    /** Follows recordings from now on; call once, when the agent starts. */
    static void install() {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                update(recorder);
            }

            @Override
            public void recordingStateChanged(Recording recording) {
                if (FlightRecorder.isInitialized()) {
                    update(FlightRecorder.getFlightRecorder());
                }
            }
        });
    }

    private static void update(FlightRecorder recorder) {
        boolean running = false;
        for (Recording r : recorder.getRecordings()) {
            running |= r.getState() == RecordingState.RUNNING;
        }
        active = running;
    }
}
