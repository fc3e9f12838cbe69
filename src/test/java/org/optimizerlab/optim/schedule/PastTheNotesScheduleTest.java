package org.optimizerlab.optim.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.validation.FieldException;

/**
 * Cosine annealing and linear warm-up against an independent computation of their formulas (the half-angle form
 * {@code cos²(pi t / 2T)} for the cosine, a ramp built by adding {@code 1/W} per update for the warm-up); torch's
 * schedulers check them once more in {@code ScheduleReferenceTest}.
 */
class PastTheNotesScheduleTest {

    @ParameterizedTest
    @CsvSource({"100, 0, 0.1", "37, 0.01, 0.5", "1, 0.05, 0.2", "5000, 0.0001, 1"})
    void cosineFollowsTheHalfAngleFormUpToTThenStaysAtTheFloor(int T, double lrMin, double lr0) {
        CosineAnnealing cosine = new CosineAnnealing(T, lrMin);
        for (int t = 0; t <= T; t++) {
            double half = Math.cos(Math.PI * t / (2.0 * T));
            double expected = lrMin + (lr0 - lrMin) * half * half;   // (1 + cos x) / 2 = cos²(x / 2)
            assertThat(cosine.lrAt(lr0, t, t)).as("t = %d", t).isCloseTo(expected, within(1e-15 * lr0));
        }
        assertThat(cosine.lrAt(lr0, 0, 0)).isEqualTo(lr0);
        for (int t = T; t < 3 * T + 5; t++) {
            assertThat(cosine.lrAt(lr0, t, t)).as("after T, t = %d", t).isEqualTo(lrMin);
        }
    }

    @Test
    void cosineIsHalfwayAtHalfT() {
        assertThat(new CosineAnnealing(200, 0.001).lrAt(0.101, 100, 100)).isCloseTo(0.051, within(1e-15));
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "10", "25", "300"})
    void warmupRampsLinearlyFromOneWthThenLeavesTheScheduleAlone(int W) {
        Schedule inner = new ExponentialDecay(0.003);
        Warmup warmup = new Warmup(W, inner);
        double ramp = 0;
        for (int t = 0; t < W + 500; t++) {
            ramp = Math.min(1, ramp + 1.0 / W);
            double expected = ramp * inner.lrAt(0.2, t, t);
            assertThat(warmup.lrAt(0.2, t, t)).as("t = %d", t).isCloseTo(expected, within(1e-14 * 0.2));
        }
        assertThat(warmup.lrAt(0.2, 0, 0)).isCloseTo(0.2 / W, within(1e-17));
        assertThat(warmup.lrAt(0.2, W - 1, W - 1)).isEqualTo(inner.lrAt(0.2, W - 1, W - 1));
    }

    @Test
    void warmupDoesNotShiftTheClockOfTheScheduleAfterIt() {
        Warmup warmup = new Warmup(20, new CosineAnnealing(300, 0));
        assertThat(warmup.lrAt(1, 300, 300)).isZero();
        assertThat(warmup.lrAt(1, 150, 150)).isCloseTo(0.5, within(1e-15));
        Warmup stepped = new Warmup(10, new StepDecay(5, 0.5));      // epochs count from update 0 as ever
        assertThat(stepped.lrAt(1, 5, 5)).isEqualTo(0.6 * 0.5);
    }

    @Test
    void typeAndParametersAreTheFlatSpecObject() {
        assertThat(new CosineAnnealing(300, 0.001).type()).isEqualTo("cosine");
        assertThat(new CosineAnnealing(300, 0.001).parameters()).containsExactly(entry("T", 300), entry("lr_min", 0.001));
        Warmup warmup = new Warmup(20, new StepDecay(5, 0.5));
        assertThat(warmup.type()).isEqualTo("step");
        assertThat(warmup.parameters()).containsExactly(entry("every", 5), entry("factor", 0.5), entry("warmup", 20));
        assertThat(new Warmup(7, new Constant()).parameters()).containsExactly(entry("warmup", 7));
        assertThat(new Warmup(7, new CosineAnnealing(9, 0.02)).lrFloor()).isEqualTo(0.02);
        assertThat(new StepDecay(5, 0.5).lrFloor()).isZero();
    }

    @Test
    void invalidParametersNameTheField() {
        assertThatThrownBy(() -> new CosineAnnealing(0, 0)).isInstanceOf(FieldException.class)
                .hasMessage("T: must be an integer in 1..2147483647, got 0");
        assertThatThrownBy(() -> new CosineAnnealing(10, -0.1)).hasMessage("lr_min: must be >= 0, got -0.1");
        assertThatThrownBy(() -> new CosineAnnealing(10, Double.NaN)).hasMessage("lr_min: must be a finite number, got NaN");
        assertThatThrownBy(() -> new Warmup(0, new Constant())).hasMessage("warmup: must be an integer in 1..2147483647, got 0");
        assertThatThrownBy(() -> new Warmup(3, new Warmup(2, new Constant())))
                .hasMessage("warmup: a schedule has one warm-up, not a warm-up of a warm-up");
    }
}
