package dev.taskflight.benchmarks.analysis;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Analysis speed: the whole analysis of a large recording ({@link FileAnalysis}: both passes, every
 * finding) against a bare {@link RecordingFile} pass that only reads every event, side by side in
 * one run, each in its own JVM with a fixed 256 MB heap. Budget: the analysis at 0.7 times the bare
 * pass's speed or better. Make the file first with {@link BenchmarkRecording}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "--add-opens", "jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED"})
public class AnalysisSpeedBenchmark {

    /** The recording to read. */
    @Param(BenchmarkRecording.DEFAULT_FILE)
    public String file;

    private Path path;

    @Setup(Level.Trial)
    public void check() throws Exception {
        path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(file + " is missing: run BenchmarkRecording first (see BENCHMARKS.md)");
        }
    }

    /** Reads every event and nothing else: the baseline. */
    @Benchmark
    public long bareRecordingFile() throws Exception {
        long events = 0;
        try (RecordingFile recording = new RecordingFile(path)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e != null) {
                    events++;
                }
            }
        }
        return events;
    }

    /** The whole analysis. */
    @Benchmark
    public AnalysisReport analyzer() throws Exception {
        return new FileAnalysis(path, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
    }

    @TearDown(Level.Trial)
    public void peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%nmax heap %d MB, peak heap used (sum of pool peaks) %d MB%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), peak / (1024 * 1024));
    }
}
