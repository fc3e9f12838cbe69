package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A race's pace when the client and the server both hold it back (docs/protocol.md, "pace"): time the client held
 * the race (its read window full, too much unread) is not judged and does not clear the window; the server's time
 * alone decides "server busy", and the pace told is the one the server gives.
 */
class PaceMeterTest {

    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(34);

    @Test
    void aBusyServerIsToldThoughThePageHoldsTheRaceBackAtEveryOtherTick() {
        PaceGauge gauge = new PaceGauge(() -> 0L);
        PaceMeter meter = new PaceMeter(gauge);
        List<PaceMeter.Pace> told = new ArrayList<>();
        // A page that confirms its frames late: every other tick finds its read window full. The server's ticks
        // wait half their time for a worker and make 1 update where 60 steps/s earned 2.04.
        for (int i = 0; i < 100; i++) {
            meter.tick(TICK, TICK / 2, TICK, 60, 0).ifPresent(told::add);          // held by the page: not judged
            meter.tick(TICK, TICK / 2, 0, 60, 1).ifPresent(told::add);
        }
        // Before, a waiting tick cleared the window: none ever reached a second and the notice never came.
        assertThat(told).as("one busy notice per second of the server's time (3.4 s of it)").hasSize(3)
                .allMatch(PaceMeter.Pace::busy);
        assertThat(told.get(0).achieved()).as("updates per second of the server's time")
                .isCloseTo(1e9 / TICK, within(0.5));
        assertThat(told.get(0).stepsPerSecond()).isEqualTo(60);
        assertThat(gauge.pace()).as("the door sees half the pace").isCloseTo(0.49, within(0.02));
    }

    @Test
    void aPageSlowToDrawIsNeverToldServerBusy() {
        PaceGauge gauge = new PaceGauge(() -> 0L);
        PaceMeter meter = new PaceMeter(gauge);
        for (int i = 0; i < 300; i++) {
            // Held by the page for three ticks in four (and those ticks waited for a worker: a loaded server), and
            // at full pace when the page has drawn; counted as elapsed time these would be a busy window.
            assertThat(meter.tick(TICK, TICK, TICK, 60, 0)).isEmpty();
            assertThat(meter.tick(TICK, TICK, TICK, 60, 0)).isEmpty();
            assertThat(meter.tick(TICK, TICK, TICK - TICK / 10, 60, 0)).as("held for most of the tick").isEmpty();
            assertThat(meter.tick(TICK, TICK / 3, 0, 60, 3)).isEmpty();
        }
        assertThat(gauge.pace()).as("the door sees races at their pace").isEqualTo(1.0);
    }

    @Test
    void aPageThatConfirmsPromptlyOnABusyServerIsToldItsRealPaceAndWhenItRecovers() {
        PaceGauge gauge = new PaceGauge(() -> 0L);
        PaceMeter meter = new PaceMeter(gauge);
        PaceMeter.Pace busy = null;
        for (int i = 0; i < 40 && busy == null; i++) {
            busy = meter.tick(TICK, TICK / 3, 0, 5000, 50).orElse(null);       // 1,470 of 5,000 steps/s
        }
        assertThat(busy).isNotNull();
        assertThat(busy.busy()).isTrue();
        assertThat(busy.achieved()).isCloseTo(50 * 1e9 / TICK, within(1.0));
        assertThat(busy.stepsPerSecond()).isEqualTo(5000);

        // A spell held by the page alone changes nothing told; then the server keeps the pace again.
        for (int i = 0; i < 100; i++) {
            assertThat(meter.tick(TICK, 0, TICK, 5000, 0)).isEmpty();
        }
        PaceMeter.Pace recovered = null;
        for (int i = 0; i < 40 && recovered == null; i++) {
            recovered = meter.tick(TICK, 0, 0, 5000, 170).orElse(null);
        }
        assertThat(recovered).as("the end of the busy spell is told once").isNotNull();
        assertThat(recovered.busy()).isFalse();
        for (int i = 0; i < 60; i++) {
            assertThat(meter.tick(TICK, 0, 0, 5000, 170)).isEmpty();
        }
    }
}
