package dev.taskflight.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.cli.visual.SchedulerEvents.JdkSlice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NestingTest {

    private static final long THREAD = 7;
    private static final Object LANE = "lane of worker 0";

    private final Nesting nesting = new Nesting();

    private static JdkSlice slice(String name, long start, long end) {
        return new JdkSlice(THREAD, name, "", start, end - start);
    }

    /** Reads a poll over {@code [start, end]}, draws it whole, and returns the slices placed inside it. */
    private List<Nesting.Placed> poll(long start, long end) {
        List<Nesting.Placed> before = new ArrayList<>();
        List<Nesting.Placed> inside = new ArrayList<>();
        nesting.container(THREAD, -1, LANE, start, end, before, inside);
        nesting.drawn(THREAD, start, end);
        return inside;
    }

    @Test
    void aSliceReadBeforeItsPollIsPlacedInsideItClipped() {
        assertThat(nesting.add(slice("sleep", 90, 150))).isNull();
        List<Nesting.Placed> inside = poll(100, 200);
        assertThat(inside).singleElement().satisfies(p -> {
            assertThat(p.start()).isEqualTo(100);
            assertThat(p.end()).isEqualTo(150);
        });
    }

    @Test
    void aSliceReadAfterItsPollIsPlacedInsideThatPollOnItsLane() {
        poll(100, 200);
        Nesting.Late late = nesting.add(slice("sleep", 120, 180));
        assertThat(late).isNotNull();
        assertThat(late.lane()).isSameAs(LANE);
        assertThat(late.placed().start()).isEqualTo(120);
        assertThat(late.placed().end()).isEqualTo(180);
    }

    @Test
    void aLateSliceIsClippedToThePollAndToTheSlicesAlreadyPlacedInIt() {
        nesting.add(slice("monitor enter", 110, 130));
        poll(100, 200);
        poll(200, 300);
        Nesting.Late late = nesting.add(slice("sleep", 120, 260));
        // it ends in the second poll: clipped to it
        assertThat(late.placed().start()).isEqualTo(200);
        assertThat(late.placed().end()).isEqualTo(260);
        Nesting.Late overlapping = nesting.add(slice("park", 115, 170));
        // inside the first poll, after the monitor enter already placed there
        assertThat(overlapping.placed().start()).isEqualTo(130);
        assertThat(overlapping.placed().end()).isEqualTo(170);
        assertThat(nesting.add(slice("park", 112, 128))).as("wholly under a placed slice").isNull();
        assertThat(nesting.dropped()).isEqualTo(1);
    }

    @Test
    void aLateSliceBetweenTwoPollsStaysInTheGap() {
        poll(100, 200);
        poll(300, 400);
        Nesting.Late late = nesting.add(slice("sleep", 150, 250));
        assertThat(late.placed().start()).isEqualTo(200);
        assertThat(late.placed().end()).isEqualTo(250);
    }

    @Test
    void aLateSliceOlderThanEveryRememberedPollIsDropped() {
        for (int i = 1; i <= Nesting.RECENT_PER_THREAD + 1; i++) {
            poll(i * 100L, i * 100L + 50);
        }
        assertThat(nesting.add(slice("sleep", 110, 140))).isNull();
        assertThat(nesting.dropped()).isEqualTo(1);
    }

    @Test
    void aSliceOfAThreadWithNoPollYetWaits() {
        assertThat(nesting.add(slice("sleep", 10, 20))).isNull();
        assertThat(nesting.dropped()).isZero();
    }
}
