package dev.taskflight.cli.live;

import dev.taskflight.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * One run of jfr-analyze through the shared factory on a thread of its own, its output readable while
 * it runs. Not in the common pool: there (one worker on two cores) a JDK 25 test JVM saw every JMX
 * reconnection attempt refused, which a plain thread, like jfr-analyze's main thread, does not.
 */
final class Streaming {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CompletableFuture<Integer> exit;

    Streaming(String... args) {
        exit = CompletableFuture.supplyAsync(() ->
                Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args),
                task -> new Thread(task, "jfr-analyze " + String.join(" ", args)).start());
    }

    /** Returns the lines of stdout so far that start with {@code prefix}. */
    List<String> lines(String prefix) {
        return out.toString().lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }
}
