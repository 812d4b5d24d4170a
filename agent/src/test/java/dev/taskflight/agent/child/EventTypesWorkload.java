package dev.taskflight.agent.child;

import dev.taskflight.events.EventNames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * A program that runs no pool: it waits (at most a minute) until every Taskflight event type is
 * registered with JFR, then prints the ones that are not, as {@code missing=[...]}.
 */
public final class EventTypesWorkload {

    private EventTypesWorkload() {
    }

    public static void main(String[] args) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        List<String> missing = missing();
        while (!missing.isEmpty() && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(50);
            missing = missing();
        }
        System.out.println("missing=" + missing);
    }

    private static List<String> missing() {
        List<String> missing = new ArrayList<>(EventNames.ALL);
        for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
            missing.remove(type.getName());
        }
        return missing;
    }
}
