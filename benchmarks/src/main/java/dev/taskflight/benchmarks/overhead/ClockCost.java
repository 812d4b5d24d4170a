package dev.taskflight.benchmarks.overhead;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What timing one poll on its worker costs at least, whatever the recorder does around it: an event
 * enabled with production's 10 ms threshold, begun and ended and never long enough to be committed
 * (two reads of JFR's clock and the threshold check), against one {@link System#nanoTime()}. It is
 * the floor of a timed production poll, and why production times only workers whose polls are long
 * enough to afford it ({@code docs/modes.md}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ClockCost {

    /** An event shaped as a timed poll's: never committed here. */
    @Name("taskflight.bench.TimedPoll")
    @StackTrace(false)
    static class TimedPoll extends Event {
        String pool;
        int worker;
    }

    private Recording recording;
    private final TimedPoll event = new TimedPoll();

    /** Enables the event with production's threshold. */
    @Setup(Level.Trial)
    public void setUp() {
        recording = new Recording();
        recording.enable(TimedPoll.class).withThreshold(Duration.ofMillis(10));
        recording.start();
    }

    /** Stops the recording. */
    @TearDown(Level.Trial)
    public void tearDown() {
        recording.close();
    }

    /**
     * A timed poll that is not long: {@code begin}, {@code end}, {@code shouldCommit}.
     *
     * @return whether it would have been committed, so that nothing is eliminated
     */
    @Benchmark
    public boolean timedPoll() {
        TimedPoll e = event;
        e.begin();
        e.end();
        return e.shouldCommit();
    }

    /** @return one clock read of the recorder's own (a stamp's window) */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
