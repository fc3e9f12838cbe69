package org.optimizerlab.optim.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.validation.FieldException;

/**
 * Every schedule against an independent transcription of its formula (a different computation of the same number:
 * repeated multiplication instead of a power, a power of {@code e^-k} instead of {@code exp(-k t)}), over 10,000
 * updates. The numpy transcription of the notes (NotesReferenceTest) checks them once more inside whole runs.
 */
class ScheduleTest {

    static final int UPDATES = 10_000;

    @Test
    void constantKeepsTheBaseRate() {
        for (int t = 0; t < UPDATES; t += 7) {
            assertThat(new Constant().lrAt(0.3, t, t / 3)).isEqualTo(0.3);
        }
    }

    @ParameterizedTest
    @CsvSource({"5, 0.5", "20, 0.1", "1, 0.99", "7, 1", "100, 0.3"})
    void stepDecayCutsByFactorEveryEpochs(int every, double factor) {
        double lr0 = 0.05;
        StepDecay schedule = new StepDecay(every, factor);
        double lr = lr0;                                          // lr0 * factor^floor(epoch/every), by multiplication
        for (int epoch = 0; epoch < UPDATES; epoch++) {
            if (epoch > 0 && epoch % every == 0) {
                lr *= factor;
            }
            long t = 3L * epoch + 2;                              // e.g. three minibatches per epoch
            assertThat(schedule.lrAt(lr0, t, epoch)).as("epoch %d", epoch)
                    .isCloseTo(lr, within(1e-13 * lr + Double.MIN_VALUE));
        }
    }

    @Test
    void stepDecayHalvesExactlyAndFollowsTheEpochNotTheUpdate() {
        StepDecay halving = new StepDecay(5, 0.5);                // the notes' "halve every 5 epochs"
        assertThat(halving.lrAt(0.8, 0, 0)).isEqualTo(0.8);
        assertThat(halving.lrAt(0.8, 40, 4)).isEqualTo(0.8);
        assertThat(halving.lrAt(0.8, 41, 5)).isEqualTo(0.4);
        assertThat(halving.lrAt(0.8, 99, 9)).isEqualTo(0.4);
        assertThat(halving.lrAt(0.8, 100, 10)).isEqualTo(0.2);
        assertThat(halving.lrAt(0.8, 10, 26)).isEqualTo(0.8 / 32);
        StepDecay tenth = new StepDecay(20, 0.1);                 // the notes' "to 0.1 every 20 epochs"
        assertThat(tenth.lrAt(1, 0, 19)).isEqualTo(1);
        assertThat(tenth.lrAt(1, 0, 20)).isEqualTo(0.1);
        assertThat(tenth.lrAt(1, 0, 45)).isCloseTo(0.01, within(1e-17));
    }

    @ParameterizedTest
    @CsvSource({"0.001", "0.01", "0.5", "0"})
    void exponentialDecayIsE(double k) {
        double lr0 = 0.2;
        ExponentialDecay schedule = new ExponentialDecay(k);
        double perUpdate = Math.exp(-k);
        for (int t = 0; t < UPDATES; t++) {
            double expected = lr0 * Math.pow(perUpdate, t);       // a0 * (e^-k)^t
            assertThat(schedule.lrAt(lr0, t, t / 10)).as("t %d", t)
                    .isCloseTo(expected, within(1e-12 * expected + Double.MIN_VALUE));
        }
        assertThat(schedule.lrAt(lr0, 0, 0)).isEqualTo(lr0);
        assertThat(new ExponentialDecay(Math.log(2)).lrAt(1, 3, 0)).isCloseTo(0.125, within(1e-16));
    }

    @ParameterizedTest
    @CsvSource({"0.001", "0.05", "1", "0"})
    void inverseDecayIsOneOverOnePlusKt(double k) {
        double lr0 = 0.3;
        InverseDecay schedule = new InverseDecay(k);
        for (int t = 0; t < UPDATES; t++) {
            double expected = lr0 / (1 + k * t);                  // a0 / (1 + k t)
            assertThat(schedule.lrAt(lr0, t, t / 10)).as("t %d", t).isEqualTo(expected);
            assertThat(schedule.lrAt(lr0, t, 0) * (1 + k * t)).isCloseTo(lr0, within(1e-15));
        }
        assertThat(new InverseDecay(1).lrAt(1, 3, 0)).isEqualTo(0.25);
    }

    @Test
    void everyScheduleNeverIncreases() {
        Schedule[] schedules = {new Constant(), new StepDecay(3, 0.7), new ExponentialDecay(0.01), new InverseDecay(0.1)};
        for (Schedule schedule : schedules) {
            double previous = Double.POSITIVE_INFINITY;
            for (int t = 0; t < UPDATES; t++) {
                double lr = schedule.lrAt(0.1, t, t);
                assertThat(lr).as(schedule.type()).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(0);
                previous = lr;
            }
        }
    }

    @Test
    void invalidParametersNameTheFieldAndTheAllowedRange() {
        assertThatThrownBy(() -> new StepDecay(0, 0.5)).isInstanceOf(FieldException.class)
                .hasMessage("every: must be an integer in 1..2147483647, got 0");
        assertThatThrownBy(() -> new StepDecay(5, 0)).hasMessage("factor: must be in (0, 1], got 0");
        assertThatThrownBy(() -> new StepDecay(5, 1.5)).hasMessage("factor: must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> new StepDecay(5, Double.NaN)).hasMessage("factor: must be a finite number, got NaN");
        assertThatThrownBy(() -> new ExponentialDecay(-0.1)).hasMessage("k: must be >= 0, got -0.1");
        assertThatThrownBy(() -> new InverseDecay(Double.POSITIVE_INFINITY))
                .hasMessage("k: must be a finite number, got Infinity");
    }

    @Test
    void typesAndParametersAreTheSpecNames() {
        assertThat(new Constant().type()).isEqualTo("constant");
        assertThat(new StepDecay(5, 0.5).type()).isEqualTo("step");
        assertThat(new StepDecay(5, 0.5).parameters()).containsExactly(
                org.assertj.core.api.Assertions.entry("every", 5), org.assertj.core.api.Assertions.entry("factor", 0.5));
        assertThat(new ExponentialDecay(0.1).type()).isEqualTo("exponential");
        assertThat(new InverseDecay(0.1).type()).isEqualTo("inverse");
        assertThat(new InverseDecay(0.1).parameters()).containsEntry("k", 0.1);
    }
}
