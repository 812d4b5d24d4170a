package dev.taskflight.cli.live;

import dev.taskflight.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** One run of jfr-analyze through the shared factory on another thread, its output readable while it runs. */
final class Streaming {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CompletableFuture<Integer> exit;

    Streaming(String... args) {
        exit = CompletableFuture.supplyAsync(() ->
                Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args));
    }

    /** Returns the lines of stdout so far that start with {@code prefix}. */
    List<String> lines(String prefix) {
        return out.toString().lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }
}
