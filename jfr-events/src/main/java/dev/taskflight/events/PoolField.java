package dev.taskflight.events;

/**
 * How {@code taskflight.TaskPoll} writes its pool's name: padded with spaces to {@value #LENGTH}
 * characters if it is shorter.
 *
 * <p>JFR writes a string of 16 characters or fewer inline, in every event that holds it, and a longer one
 * (up to 127 characters) once per chunk in its string pool, each event holding a reference of a byte or
 * two ({@code jdk.jfr.internal.StringPool}, JDK 17 to 25). A poll of a pool named {@code qtp1916575798}
 * would take 15 bytes for the name alone, two thirds of the 20 a poll may take; padded, the name takes 2.
 * {@code jfr print} and Mission Control show the name with its padding, as trailing spaces.
 *
 * <p>Only {@code TaskPoll}, written once a poll in trace mode, pads its name; the other events hold the
 * name as it is. Readers take a {@code TaskPoll}'s name back with {@link #read(String)}, which returns
 * names recorded before the padding, and the names of other events, unchanged. Free of {@code jdk.jfr},
 * so that readers where it is not visible (Mission Control's plugin) can use it.
 */
public final class PoolField {

    /**
     * The length a name is padded to: the shortest string JFR writes as a reference to its string pool
     * rather than inline.
     */
    public static final int LENGTH = 17;

    private PoolField() {
    }

    /**
     * Returns the value of {@code TaskPoll}'s {@code pool} field for a pool's name: the name padded with
     * spaces to {@value #LENGTH} characters if it is shorter, else the name itself. Computed once per
     * pool, not per poll.
     *
     * @param poolName the pool's name, not {@code null}
     * @return the field's value, not {@code null}
     */
    public static String write(String poolName) {
        int pad = LENGTH - poolName.length();
        return pad <= 0 ? poolName : poolName + " ".repeat(pad);
    }

    /**
     * Returns a pool's name from a {@code pool} field: the padding {@link #write(String)} added removed.
     * A value that is not {@value #LENGTH} characters long and ending in a space (a name of
     * {@value #LENGTH} characters or more, a name recorded before names were padded, the name in any
     * other event) is returned as it is. A name that ends in spaces itself, and is short enough to be
     * padded, loses them.
     *
     * @param value the field's value, or {@code null}
     * @return the pool's name, or {@code null} if {@code value} is
     */
    public static String read(String value) {
        if (value == null || value.length() != LENGTH || value.charAt(LENGTH - 1) != ' ') {
            return value;
        }
        int end = LENGTH - 1;
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(0, end);
    }
}
