package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The server's pace at the door and a race's busy windows, on a clock the test moves. */
class PaceGaugeTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(34);

    @Test
    void aServerWhoseRacesKeepTheirPaceAdmitsEveryone() {
        AtomicLong clock = new AtomicLong();
        PaceGauge gauge = new PaceGauge(clock::get);
        assertThat(gauge.pace()).isEqualTo(1.0);
        for (int i = 0; i < 100; i++) {
            gauge.report(60, 60);
        }
        assertThat(gauge.wouldFallBelow(ConnectionLimits.DEFAULT_MIN_PACE)).isFalse();
    }

    @Test
    void racesAtLessThanHalfTheirPaceCloseTheDoorAndItOpensWhenTheyRecover() {
        AtomicLong clock = new AtomicLong();
        PaceGauge gauge = new PaceGauge(clock::get);
        for (int i = 0; i < 20; i++) {
            gauge.report(60, 36);                         // ten races (two windows each) at 60 % of their pace
        }
        assertThat(gauge.pace()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gauge.wouldFallBelow(0.5)).as("one more: 0.6 × 10 / 11 = 0.55").isFalse();
        for (int i = 0; i < 4; i++) {
            gauge.report(60, 0);                          // twelve at 50 %: one more would get 0.5 × 12 / 13
        }
        assertThat(gauge.wouldFallBelow(0.5)).isTrue();
        clock.addAndGet(5 * SECOND);                      // nothing reported for two buckets: nothing runs
        assertThat(gauge.pace()).isEqualTo(1.0);
        assertThat(gauge.wouldFallBelow(0.5)).isFalse();
    }

    @Test
    void aWindowIsBusyOnlyWhenTheRaceWaitedForAWorkerAndFellBehind() {
        PaceGauge gauge = new PaceGauge(() -> 0L);
        PaceMeter waited = new PaceMeter(gauge);
        PaceMeter.Pace busy = null;
        for (int i = 0; i < 30 && busy == null; i++) {
            busy = waited.tick(TICK, TICK / 2, 0, 60, 1).orElse(null);          // 29 of 60 a second, half spent waiting
        }
        assertThat(busy).isNotNull();
        assertThat(busy.busy()).isTrue();
        assertThat(busy.achieved()).isBetween(28.0, 31.0);
        assertThat(busy.stepsPerSecond()).isEqualTo(60);

        PaceMeter computeBound = new PaceMeter(gauge);
        for (int i = 0; i < 60; i++) {
            assertThat(computeBound.tick(TICK, 0, 0, 5000, 20)).as("alone at the fastest speed: no notice").isEmpty();
        }

        PaceMeter.Pace recovered = null;
        for (int i = 0; i < 30 && recovered == null; i++) {
            recovered = waited.tick(TICK, 0, 0, 60, 2).orElse(null);
        }
        assertThat(recovered).as("the end of a busy spell is said once").isNotNull();
        assertThat(recovered.busy()).isFalse();
        for (int i = 0; i < 60; i++) {
            assertThat(waited.tick(TICK, 0, 0, 60, 2)).isEmpty();
        }
    }
}
