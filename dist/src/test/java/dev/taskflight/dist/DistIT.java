package dev.taskflight.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release bundle as a user gets it: both archives hold the same files; unpacked, its launcher analyzes a
 * corpus recording from an unrelated directory on JDK 17 and JDK 25; its agent jar records a workload that its
 * launcher then reads; NOTICE covers every class in its jars that is not Taskflight's own.
 */
class DistIT {

    static final String VERSION = System.getProperty("taskflight.version");
    static final Path BUNDLE = Path.of(System.getProperty("taskflight.bundle"));
    static final Path CORPUS = Path.of(System.getProperty("taskflight.corpus"));
    static final List<String> EXPECTED = List.of("bin/jfr-analyze", "bin/jfr-analyze.cmd", "lib/taskflight-agent.jar",
            "lib/jfr-analyze.jar", "lib/taskflight-jmc-plugin.jar", "settings/taskflight.jfc",
            "settings/taskflight-trace.jfc", "settings/taskflight-off.jfc", "INSTALL.md", "LICENSE", "NOTICE", "licenses/Apache-2.0.txt");

    @TempDir
    static Path unpacked;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tgz = Path.of(BUNDLE + ".tar.gz");
        assertThat(tgz).isRegularFile();
        Process tar = new ProcessBuilder("tar", "-xzf", tgz.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        home = unpacked.resolve("taskflight-" + VERSION);
    }

    @Test
    void bothArchivesHoldTheBundleUnderOneVersionedDirectory() throws IOException {
        Set<String> tarFiles;
        try (Stream<Path> files = Files.walk(home)) {
            tarFiles = files.filter(Files::isRegularFile).map(p -> home.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(tarFiles).containsAll(EXPECTED);
        assertThat(Files.isExecutable(home.resolve("bin/jfr-analyze"))).isTrue();
        Set<String> zipFiles = new TreeSet<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of(BUNDLE + ".zip")))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    assertThat(e.getName()).startsWith("taskflight-" + VERSION + "/");
                    zipFiles.add(e.getName().substring(("taskflight-" + VERSION + "/").length()));
                }
            }
        }
        assertThat(zipFiles).isEqualTo(tarFiles);
        assertThat(Files.readString(home.resolve("NOTICE"))).startsWith("Taskflight " + VERSION + "\n");
    }

    @Test
    void theLauncherAnalyzesACorpusRecordingFromAnotherDirectoryOnEveryJdk() throws Exception {
        Path recording = CORPUS.resolve("healthy-jdk25.jfr");
        for (Path javaHome : jdks()) {
            Result r = launcher(javaHome, "summary", recording.toString());
            assertThat(r.code()).as("%s: %s", javaHome, r.err()).isZero();
            assertThat(r.out()).contains("pool ");
            Result v = launcher(javaHome, "--version");
            assertThat(v.out()).startsWith("jfr-analyze " + VERSION + "\n");
        }
    }

    @Test
    void theAgentFromTheBundleRecordsAWorkloadItsLauncherReads() throws Exception {
        Path jfr = unpacked.resolve("workload.jfr");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + home.resolve("lib/taskflight-agent.jar"),
                "-XX:StartFlightRecording:settings=default,settings=" + home.resolve("settings/taskflight.jfc")
                        + ",filename=" + jfr,
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), BundleWorkload.class.getName());
        assertRecordsTheWorkload(new ProcessBuilder(cmd), jfr);
    }

    @Test
    void javaToolOptionsAsDocumentedRecordsAServiceWithoutChangingItsCommandLine() throws Exception {
        Path jfr = unpacked.resolve("tool-options.jfr");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), BundleWorkload.class.getName(),
                jfr.toString());
        // docs/deploying.md, with the bundle's path in place of /opt/taskflight
        pb.environment().put("JAVA_TOOL_OPTIONS", "-javaagent:" + home.resolve("lib/taskflight-agent.jar") + "=record=production");
        assertRecordsTheWorkload(pb, jfr);
    }

    /** Runs the workload to its end, then the bundle's launcher on its recording, which must show its pool. */
    private static void assertRecordsTheWorkload(ProcessBuilder workload, Path jfr) throws Exception {
        Path out = Path.of(jfr + ".out");
        Process p = workload.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        Result r = launcher(Path.of(System.getProperty("java.home")), "workers", jfr.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("pool " + BundleWorkload.POOL + " (ThreadPoolExecutor");
    }

    @Test
    void noticeNamesTheLibraryOfEveryClassThatIsNotTaskflightsOwn() throws IOException {
        List<String> packages = Files.readAllLines(home.resolve("NOTICE")).stream()
                .filter(l -> l.strip().startsWith("packages:"))
                .flatMap(l -> Arrays.stream(l.strip().substring("packages:".length()).split(",")))
                .map(s -> s.strip().replace('.', '/') + "/").toList();
        List<Path> jars;
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        List<String> uncovered = new ArrayList<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(ZipEntry::getName).filter(DistIT::isCode)
                        .map(n -> n.replaceFirst("^META-INF/versions/\\d+/", ""))
                        .filter(n -> !(n.startsWith("dev/taskflight/") && !n.contains("/shaded/")))
                        .filter(n -> packages.stream().noneMatch(n::startsWith))
                        .forEach(n -> uncovered.add(jar.getFileName() + "!" + n));
            }
        }
        assertThat(uncovered).as("classes of libraries NOTICE does not name").isEmpty();
        assertThat(packages).contains("dev/taskflight/agent/shaded/net/bytebuddy/", "picocli/", "com/fasterxml/jackson/");
        for (String licence : Files.readAllLines(home.resolve("NOTICE")).stream()
                .filter(l -> l.strip().startsWith("licence:")).collect(Collectors.toList())) {
            for (String file : licence.replaceAll(".*\\((.*)\\).*", "$1").split(",")) {
                assertThat(home.resolve(file.strip())).as(licence).isRegularFile();
            }
        }
    }

    private static boolean isCode(String entry) {
        return entry.endsWith(".class") && !entry.endsWith("module-info.class")
                || entry.startsWith("META-INF/resources/webjars/") && !entry.endsWith("/");
    }

    private static List<Path> jdks() {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jdk25 = Path.of(System.getProperty("taskflight.jdk25.home", ""));
        if (Files.isExecutable(jdk25.resolve("bin/java")) && !homes.contains(jdk25)) {
            homes.add(jdk25);
        }
        return homes;
    }

    record Result(int code, String out, String err) {
    }

    /** Runs bin/jfr-analyze from an unrelated directory, with only that JDK's bin on the PATH. */
    private static Result launcher(Path javaHome, String... args) throws Exception {
        Path cwd = Files.createTempDirectory(unpacked, "elsewhere");
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/jfr-analyze").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
        env.put("PATH", javaHome.resolve("bin") + ":/usr/bin:/bin");
        Path out = cwd.resolve("out");
        Path err = cwd.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
