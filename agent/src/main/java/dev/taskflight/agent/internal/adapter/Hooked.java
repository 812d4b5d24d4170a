package dev.taskflight.agent.internal.adapter;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the agent has hooked so far, per scheduler family: the classes it wove, or why it left one
 * alone. Written when a class is transformed (never on a task's path), read by whoever reports the
 * agent's state.
 */
public final class Hooked {

    private static final ConcurrentMap<String, String> FAMILIES = new ConcurrentHashMap<>();

    private Hooked() {
    }

    /**
     * Records that a family's class was woven.
     *
     * @param family the family, such as {@code tomcat}
     * @param typeName the class
     */
    public static void woven(String family, String typeName) {
        FAMILIES.merge(family, "hooked " + simple(typeName),
                (old, added) -> old.contains(added) || old.startsWith("skipped") ? old : old + ", " + simple(typeName));
    }

    /**
     * Records that a family's class was left alone.
     *
     * @param family the family
     * @param typeName the class
     * @param reason why, in a few words
     */
    public static void skipped(String family, String typeName, String reason) {
        FAMILIES.put(family, "skipped " + simple(typeName) + ": " + reason);
    }

    /** @return each family seen so far and its state, sorted by family; a copy */
    public static Map<String, String> snapshot() {
        return new TreeMap<>(FAMILIES);
    }

    private static String simple(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }
}
