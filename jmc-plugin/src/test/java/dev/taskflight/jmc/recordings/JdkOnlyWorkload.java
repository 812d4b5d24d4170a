package dev.taskflight.jmc.recordings;

/** A program with no Taskflight in it, recorded in a child JVM: what an uninstrumented service records. */
public final class JdkOnlyWorkload {

    private JdkOnlyWorkload() {
    }

    /**
     * Spins briefly so that the recording holds CPU samples.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long end = System.nanoTime() + 200_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100_000; i++) {
                x += x * 31 + i;
            }
        }
        if (x == 42) {
            throw new AssertionError("unreachable");
        }
    }
}
