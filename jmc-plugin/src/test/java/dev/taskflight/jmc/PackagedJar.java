package dev.taskflight.jmc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the integration tests find the packaged plugin jar and the jars of JMC and Equinox. */
final class PackagedJar {

    private PackagedJar() {
    }

    static Path pluginJar() {
        return existing(System.getProperty("taskflight.plugin.jar"));
    }

    static List<Path> jmcCoreJars() throws IOException {
        return jars(System.getProperty("taskflight.jmc.core.dir"));
    }

    static List<Path> equinoxJars() throws IOException {
        return jars(System.getProperty("taskflight.equinox.dir"));
    }

    private static List<Path> jars(String dir) throws IOException {
        try (Stream<Path> s = Files.list(existing(dir))) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    private static Path existing(String path) {
        if (path == null || !Files.exists(Paths.get(path))) {
            throw new IllegalStateException("run through Maven's integration-test phase: missing " + path);
        }
        return Paths.get(path);
    }
}
