package org.optimizerlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties the notes and the papers promise, on long random gradient sequences (seeded, so reproducible):
 * momentum without momentum is SGD, AdaGrad's step sizes only shrink, AMSGrad's running maximum only grows, and
 * the state the lessons plot is what the update really used.
 */
class OptimizerPropertyTest {

    static final int DIMENSION = 6;
    static final int STEPS = 3000;

    /** Gradients spanning many orders of magnitude, with signs, exact zeros and long quiet stretches. */
    static double[][] gradients(long seed, int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] gradients = new double[steps][DIMENSION];
        for (int t = 0; t < steps; t++) {
            boolean quiet = (t / 200) % 2 == 1;                   // alternating loud and quiet phases
            for (int i = 0; i < DIMENSION; i++) {
                double magnitude = Math.pow(10, random.nextDouble(-4, quiet ? -1 : 3));
                gradients[t][i] = random.nextInt(20) == 0 ? 0 : random.nextBoolean() ? magnitude : -magnitude;
            }
        }
        return gradients;
    }

    static double[] start(long seed) {
        return new SplittableRandom(seed).doubles(DIMENSION, -3, 3).toArray();
    }

    @Nested
    class MomentumWithoutMomentum {

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3})
        void momentumAndNesterovWithMuZeroEqualSgdExactly(long seed) {
            double[][] gradients = gradients(seed, STEPS);
            double[] sgd = start(seed);
            double[] momentum = sgd.clone();
            double[] nesterov = sgd.clone();
            Optimizer plain = new Sgd(0.05).newState(DIMENSION);
            Optimizer heavyBall = new Momentum(0.05, 0).newState(DIMENSION);
            Optimizer nag = new Nesterov(0.05, 0).newState(DIMENSION);
            for (int t = 0; t < STEPS; t++) {
                double lr = 0.05 / (1 + 0.01 * t);                // any per-update lr
                plain.step(sgd, gradients[t], lr);
                heavyBall.step(momentum, gradients[t], lr);
                nag.step(nesterov, gradients[t], lr);
                assertThat(momentum).as("step %d", t).containsExactly(sgd);
                assertThat(nesterov).as("step %d", t).containsExactly(sgd);
            }
        }

        @Test
        void momentumVelocityIsTheStepTaken() {
            double[][] gradients = gradients(4, 50);
            double[] x = start(4);
            Optimizer momentum = new Momentum(0.01, 0.9).newState(DIMENSION);
            for (double[] dx : gradients) {
                double[] before = x.clone();
                momentum.step(x, dx, 0.01);
                double[] v = momentum.state().get("v");
                for (int i = 0; i < DIMENSION; i++) {
                    assertThat(x[i]).isEqualTo(before[i] + v[i]);   // x += v
                }
            }
        }
    }

    @Nested
    class AdaGradSteps {

        @ParameterizedTest
        @ValueSource(longs = {5, 6, 7})
        void effectiveLearningRateNeverIncreasesAndIsTheStepUsed(long seed) {
            double[][] gradients = gradients(seed, STEPS);
            double[] x = start(seed);
            Optimizer adagrad = new AdaGrad(0.1, 1e-8).newState(DIMENSION);
            double[] previous = null;
            for (int t = 0; t < STEPS; t++) {
                double[] before = x.clone();
                adagrad.step(x, gradients[t], 0.1);
                double[] effective = adagrad.state().get("effective_lr");
                double[] cache = adagrad.state().get("cache");
                for (int i = 0; i < DIMENSION; i++) {
                    assertThat(effective[i]).isEqualTo(0.1 / (Math.sqrt(cache[i]) + 1e-8));
                    assertThat(x[i] - before[i]).as("update = -effective_lr * dx")
                            .isCloseTo(-effective[i] * gradients[t][i], within(1e-12 * Math.max(1, Math.abs(x[i]))));
                    if (previous != null) {
                        assertThat(effective[i]).as("step %d, coordinate %d", t, i).isLessThanOrEqualTo(previous[i]);
                    }
                }
                previous = effective;
            }
        }
    }

    @Nested
    class AmsGradPaper {

        /**
         * What holds exactly: {@code cache_max} never decreases, so {@code lr / (sqrt(cache_max) + eps)} never
         * increases. The step actually applied, {@code lr / (sqrt(cache_max / (1 - decay_rate^t)) + eps)}, also
         * carries Adam's bias correction, whose divisor {@code 1 - decay_rate^t} still grows: that applied
         * effective lr may rise, by at most the factor {@code sqrt((1 - decay_rate^t) / (1 - decay_rate^(t-1)))}
         * per update (the AmsGrad Javadoc), and this test sees it rise on these gradients.
         */
        @ParameterizedTest
        @ValueSource(longs = {8, 9, 10})
        void runningMaximumNeverDecreasesAndItsLearningRateNeverIncreases(long seed) {
            double decayRate = 0.999;
            double eps = 1e-8;
            double lr = 0.01;
            double[][] gradients = gradients(seed, STEPS);
            double[] x = start(seed);
            Optimizer amsgrad = new AmsGrad(lr, 0.9, decayRate, eps, AmsGrad.Variant.PAPER).newState(DIMENSION);
            double[] previousMax = new double[DIMENSION];
            double[] previousApplied = null;
            double[] largestCache = new double[DIMENSION];
            boolean appliedRose = false;
            for (int t = 1; t <= STEPS; t++) {
                amsgrad.step(x, gradients[t - 1], lr);
                Map<String, double[]> state = amsgrad.state();
                double[] cache = state.get("cache");
                double[] cacheMax = state.get("cache_max");
                double[] applied = state.get("effective_lr");
                double growth = Math.sqrt((1 - Math.pow(decayRate, t)) / (1 - Math.pow(decayRate, t - 1)));
                for (int i = 0; i < DIMENSION; i++) {
                    largestCache[i] = Math.max(largestCache[i], cache[i]);
                    assertThat(cacheMax[i]).as("cache_max is the running maximum of cache")
                            .isEqualTo(largestCache[i]);
                    assertThat(cacheMax[i]).as("cache_max never decreases").isGreaterThanOrEqualTo(previousMax[i]);
                    double uncorrected = lr / (Math.sqrt(cacheMax[i]) + eps);
                    double previousUncorrected = lr / (Math.sqrt(previousMax[i]) + eps);
                    assertThat(uncorrected).as("lr / (sqrt(cache_max) + eps) never increases")
                            .isLessThanOrEqualTo(previousUncorrected);
                    if (previousApplied != null) {
                        assertThat(applied[i]).as("applied effective lr rises at most by the bias correction")
                                .isLessThanOrEqualTo(previousApplied[i] * growth * (1 + 1e-15));
                        appliedRose |= applied[i] > previousApplied[i];
                    }
                }
                previousMax = cacheMax;
                previousApplied = applied;
            }
            assertThat(appliedRose).as("the bias-corrected step does rise sometimes, as documented").isTrue();
        }

        @Test
        void adamsEffectiveLearningRateJumpsUpWhereAmsGradsCannot() {
            // one large gradient, then small ones: Adam forgets it, AMSGrad's running maximum remembers it
            double[][] gradients = new double[2000][DIMENSION];
            for (double[] g : gradients) {
                java.util.Arrays.fill(g, 0.01);
            }
            java.util.Arrays.fill(gradients[0], 100);
            Optimizer adam = new Adam(0.01, 0.9, 0.99, 1e-8).newState(DIMENSION);
            Optimizer amsgrad = new AmsGrad(0.01, 0.9, 0.99, 1e-8, AmsGrad.Variant.PAPER).newState(DIMENSION);
            double[] x = new double[DIMENSION];
            double[] y = new double[DIMENSION];
            for (double[] g : gradients) {
                adam.step(x, g, 0.01);
                amsgrad.step(y, g, 0.01);
            }
            double adamLr = adam.state().get("effective_lr")[0];
            double amsgradLr = amsgrad.state().get("effective_lr")[0];
            assertThat(adamLr).isGreaterThan(100 * amsgradLr);
            assertThat(amsgradLr).isCloseTo(0.01 / 10, within(1e-9));   // lr / sqrt(the remembered 0.01 * 100²)
        }
    }

    @Nested
    class AmsGradNotes {

        @ParameterizedTest
        @ValueSource(longs = {11, 12})
        void cacheNeverDecreases(long seed) {
            double[][] gradients = gradients(seed, STEPS);
            double[] x = start(seed);
            Optimizer notes = new AmsGrad(0.01, 0.9, 0.999, 1e-8, AmsGrad.Variant.NOTES).newState(DIMENSION);
            double[] previous = new double[DIMENSION];
            for (double[] g : gradients) {
                notes.step(x, g, 0.01);
                double[] cache = notes.state().get("cache");
                assertThat(notes.state()).doesNotContainKey("cache_max");
                for (int i = 0; i < DIMENSION; i++) {
                    assertThat(cache[i]).isGreaterThanOrEqualTo(previous[i]);
                }
                previous = cache;
            }
        }

        @Test
        void differsFromThePaperOnceGradientsShrink() {
            double[][] gradients = gradients(13, 600);
            double[] paperX = start(13);
            double[] notesX = paperX.clone();
            Optimizer paper = new AmsGrad(0.01, 0.9, 0.999, 1e-8, AmsGrad.Variant.PAPER).newState(DIMENSION);
            Optimizer notes = new AmsGrad(0.01, 0.9, 0.999, 1e-8, AmsGrad.Variant.NOTES).newState(DIMENSION);
            for (double[] g : gradients) {
                paper.step(paperX, g, 0.01);
                notes.step(notesX, g, 0.01);
            }
            assertThat(notesX).isNotEqualTo(paperX);
            // the notes' cache is clamped, the paper's keeps decaying below its own maximum
            double[] paperCache = paper.state().get("cache");
            double[] notesCache = notes.state().get("cache");
            assertThat(notesCache[0]).isGreaterThan(paperCache[0]);
        }
    }

    @Nested
    class AdamFamily {

        /** t counts from 1: the first update is {@code -lr * dx / (|dx| + eps)}, about lr for every coordinate. */
        @ParameterizedTest
        @ValueSource(strings = {"adam", "amsgrad-paper", "amsgrad-notes"})
        void biasCorrectionCountsFromOne(String kind) {
            OptimizerConfig config = switch (kind) {
                case "adam" -> new Adam(0.1, 0.9, 0.999, 1e-8);
                case "amsgrad-paper" -> new AmsGrad(0.1, 0.9, 0.999, 1e-8, AmsGrad.Variant.PAPER);
                default -> new AmsGrad(0.1, 0.9, 0.999, 1e-8, AmsGrad.Variant.NOTES);
            };
            Optimizer optimizer = config.newState(3);
            assertThat(optimizer.t()).isZero();
            double[] x = {1, 2, 3};
            optimizer.step(x, new double[] {5, -0.5, 1e-3}, 0.1);
            assertThat(optimizer.t()).isEqualTo(1);
            assertThat(x[0]).isCloseTo(1 - 0.1, within(1e-8));
            assertThat(x[1]).isCloseTo(2 + 0.1, within(1e-8));
            assertThat(x[2]).isCloseTo(3 - 0.1, within(1e-5));
        }

        @ParameterizedTest
        @ValueSource(strings = {"adam", "amsgrad-paper", "amsgrad-notes"})
        void reportedEffectiveLearningRateIsTheStepApplied(String kind) {
            double mu = 0.8;
            OptimizerConfig config = switch (kind) {
                case "adam" -> new Adam(0.02, mu, 0.99, 1e-6);
                case "amsgrad-paper" -> new AmsGrad(0.02, mu, 0.99, 1e-6, AmsGrad.Variant.PAPER);
                default -> new AmsGrad(0.02, mu, 0.99, 1e-6, AmsGrad.Variant.NOTES);
            };
            Optimizer optimizer = config.newState(DIMENSION);
            double[] x = start(14);
            double[][] gradients = gradients(14, 500);
            for (int t = 1; t <= gradients.length; t++) {
                double[] before = x.clone();
                double lr = 0.02 * Math.exp(-0.001 * t);
                optimizer.step(x, gradients[t - 1], lr);
                double[] v = optimizer.state().get("v");
                double[] effective = optimizer.state().get("effective_lr");
                for (int i = 0; i < DIMENSION; i++) {
                    double vt = v[i] / (1 - Math.pow(mu, t));
                    assertThat(x[i] - before[i]).as("update = -effective_lr * vt at step %d", t)
                            .isCloseTo(-effective[i] * vt, within(1e-12 * Math.max(1, Math.abs(x[i]))));
                }
            }
        }
    }

    @Test
    void stateIsACopyAndStartsAtZero() {
        for (OptimizerConfig config : List.<OptimizerConfig>of(new Momentum(0.1, 0.9), new Nesterov(0.1, 0.9),
                new AdaGrad(0.1, 1e-8), new RmsProp(0.1, 0.9, 1e-8), new Adam(0.1, 0.9, 0.999, 1e-8),
                new AmsGrad(0.1, 0.9, 0.999, 1e-8, AmsGrad.Variant.PAPER))) {
            Optimizer optimizer = config.newState(2);
            optimizer.state().values().forEach(array -> assertThat(array).containsOnly(0.0));
            assertThat(optimizer.state()).as(config.type()).doesNotContainKey("effective_lr");
            double[] x = {1, 1};
            optimizer.step(x, new double[] {1, -2}, 0.1);
            Map<String, double[]> first = optimizer.state();
            first.values().forEach(array -> java.util.Arrays.fill(array, 42));
            assertThat(optimizer.state().values()).as(config.type())
                    .allSatisfy(array -> assertThat(array).doesNotContain(42.0));
        }
        assertThat(new Sgd(0.1).newState(2).state()).isEmpty();
    }
}
