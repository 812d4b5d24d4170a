package dev.taskflight.agent.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names for pools the application did not name: the name its thread factory gives its threads,
 * without the worker number ({@code orders-worker-3} gives {@code orders-worker}), or, for the
 * JDK's default factories whose names are only a creation counter ({@code pool-7-thread-1}), the
 * place in the application's code that created the pool ({@code OrderService.start:42}).
 */
public final class PoolNames {

    /** The name of the default virtual-thread scheduler. */
    public static final String VIRTUAL_THREAD_SCHEDULER = "VirtualThreadScheduler";

    private static final Pattern TRAILING_NUMBER = Pattern.compile("[-_.#\\s]*\\d+$");
    private static final Pattern JDK_DEFAULT = Pattern.compile("(pool-\\d+-thread|ForkJoinPool-\\d+-worker)");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private PoolNames() {
    }

    /**
     * Derives a pool name from the name of one of its threads.
     *
     * @param threadName a worker thread's name, not {@code null}
     * @return the name without its worker number, or empty if the thread name says nothing stable
     *         (a JDK default name, or only digits)
     */
    public static Optional<String> fromThreadName(String threadName) {
        String base = threadName;
        for (String previous = null; !base.equals(previous); ) {
            previous = base;
            base = TRAILING_NUMBER.matcher(base).replaceFirst("");
        }
        if (base.isBlank() || JDK_DEFAULT.matcher(base).matches()) {
            return Optional.empty();
        }
        return Optional.of(base);
    }

    /**
     * Remembers where the application created (or, after an attach, submitted to) a pool, if the stack
     * says: {@link #creationSite} of the pool's class, stored unless the pool has a site already. No lambda:
     * it runs on the application's thread.
     *
     * @param sites the pools' sites
     * @param pool the pool, not {@code null}
     * @param <K> the pools' type
     */
    public static <K> void rememberCreationSite(WeakIdentityMap<K, String> sites, K pool) {
        Optional<String> site = creationSite(pool.getClass());
        if (site.isPresent()) {
            sites.putIfAbsent(pool, site.get());
        }
    }

    /**
     * Returns where the application created a pool: the first stack frame outside the JDK, the
     * agent and the pool's own class (a subclass's constructor), as {@code SimpleClass.method:line}.
     * Call it from the pool's constructor.
     *
     * @param poolClass the class of the pool being created, not {@code null}
     * @return the creation site, or empty if the stack holds only JDK frames
     */
    public static Optional<String> creationSite(Class<?> poolClass) {
        String own = poolClass.getName();
        return WALKER.walk(frames -> frames
                .filter(f -> !isInfrastructure(f.getClassName()) && !f.getClassName().equals(own))
                .findFirst()
                .map(f -> simpleName(f.getClassName()) + "." + f.getMethodName()
                        + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "")));
    }

    private static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("javax.") || className.startsWith("dev.taskflight.agent.internal.")
                || className.startsWith("dev.taskflight.recorder.internal.");
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
