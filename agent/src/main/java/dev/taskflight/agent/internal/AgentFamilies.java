package dev.taskflight.agent.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The scheduler families the agent hooked, and those it skipped with the reason, for the
 * {@code AgentInfo} event. Written when classes are woven or refused, never on a worker's hot path.
 */
public final class AgentFamilies {

    private static final String HOOKED = "";
    private static final ConcurrentMap<String, String> FAMILIES = new ConcurrentHashMap<>();

    private AgentFamilies() {
    }

    /** @param family a family whose classes the agent has woven, such as {@code kotlin-coroutines} */
    public static void hooked(String family) {
        FAMILIES.put(family, HOOKED);
    }

    /**
     * Records that a family was not woven; a family hooked once stays hooked.
     *
     * @param family the family
     * @param reason why, in a few words
     */
    public static void skipped(String family, String reason) {
        FAMILIES.putIfAbsent(family, reason);
    }

    /**
     * @param family a family, such as {@code kotlin-coroutines}
     * @return whether the agent has woven classes of it
     */
    public static boolean isHooked(String family) {
        return HOOKED.equals(FAMILIES.get(family));
    }

    /** @return the hooked families, comma-separated and sorted, or an empty string */
    public static String hookedList() {
        return String.join(",", snapshot(true).keySet());
    }

    /** @return the skipped families as {@code family: reason}, separated by {@code "; "}, or an empty string */
    public static String skippedList() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : snapshot(false).entrySet()) {
            b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue());
        }
        return b.toString();
    }

    private static Map<String, String> snapshot(boolean hooked) {
        // loops, not lambdas: AgentInfo is written on whichever thread starts a recording
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> e : FAMILIES.entrySet()) {
            if (e.getValue().equals(HOOKED) == hooked) {
                result.put(e.getKey(), e.getValue());
            }
        }
        return result;
    }
}
