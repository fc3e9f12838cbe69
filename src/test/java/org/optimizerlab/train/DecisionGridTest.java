package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.problem.Interval;

class DecisionGridTest {

    private static SpiralClassifier spiral(int hidden, Activation activation) {
        return new SpiralClassifier(new SpiralConfig(3, 100, hidden, activation, 1e-3, 0,
                new Initialization(WeightInit.HE, 0), 0.2), 7);
    }

    /** The parameters after {@code steps} full-batch Adam updates: a network with real regions, not the start. */
    private static double[] trained(SpiralClassifier problem, int steps) {
        ExperimentRunner runner = new ExperimentRunner(new Experiment(problem, problem.defaultStart(), steps, 7,
                problem.trainingSetSize(), List.of(new Run("adam", new Adam(0.02, 0.9, 0.999, 1e-8), new Constant()))));
        while (!runner.finished()) {
            runner.advance();
        }
        return runner.params(0);
    }

    private static void assertEqualsReference(SpiralClassifier problem, double[] params, DecisionGrid grid) {
        SpiralConfig config = problem.config();
        boolean tanh = config.activation() == Activation.TANH;
        int size = grid.size();
        int disagreements = 0;
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                double px = grid.x().low() + (i + 0.5) * (grid.x().high() - grid.x().low()) / size;
                double py = grid.y().low() + (j + 0.5) * (grid.y().high() - grid.y().low()) / size;
                int predicted = grid.classes()[j * size + i];
                if (!ReferenceNetwork.agrees(params, config.hidden(), config.classes(), tanh, px, py, predicted)) {
                    disagreements++;
                }
            }
        }
        assertThat(disagreements).as("cells whose class is not the network's own prediction").isZero();
    }

    @Test
    void everyCellIsTheNetworksOwnPredictionAtItsCentre() {
        for (Activation activation : Activation.values()) {
            SpiralClassifier problem = spiral(100, activation);
            double[] params = trained(problem, 150);
            DecisionGrid grid = DecisionGrid.of(problem, params);
            assertThat(grid.size()).isEqualTo(48);
            assertEqualsReference(problem, params, grid);
            // A trained network on three arms paints all three classes, and agrees with most training labels.
            assertThat(grid.digits().chars().distinct().count()).isEqualTo(3);
        }
    }

    @Test
    void theSoftmaxClassifierHasLinearRegions() {
        SpiralClassifier problem = spiral(0, Activation.RELU);
        double[] params = trained(problem, 100);
        DecisionGrid grid = DecisionGrid.of(problem, params);
        assertEqualsReference(problem, params, grid);
    }

    @Test
    void theWindowIsASquareCoveringEveryTrainingAndValidationPoint() {
        SpiralClassifier problem = spiral(10, Activation.RELU);
        List<Interval> window = DecisionGrid.window(problem);
        Interval x = window.get(0);
        Interval y = window.get(1);
        assertThat(x.high() - x.low()).isCloseTo(y.high() - y.low(), org.assertj.core.data.Offset.offset(1e-12));
        for (LabeledPoints points : List.of(problem.trainingPoints(), problem.validationPoints())) {
            assertThat(points.size()).isPositive();
            for (int i = 0; i < points.size(); i++) {
                assertThat(points.x()[2 * i]).isBetween(x.low(), x.high());
                assertThat(points.x()[2 * i + 1]).isBetween(y.low(), y.high());
            }
        }
    }

    @Test
    void largerNetworksGetCoarserGridsWithinTheWorkBound() {
        assertThat(DecisionGrid.sizeFor(603)).isEqualTo(48);          // the case study's 2-100-3 network
        int big = new SpiralConfig(10, 100, 1000, Activation.RELU, 0, 0,
                new Initialization(WeightInit.HE, 0), 0.2).parameterCount();
        assertThat(DecisionGrid.sizeFor(big)).isEqualTo(DecisionGrid.MIN_SIZE);
        int mid = 6003;                                                // 2-1000-3
        int size = DecisionGrid.sizeFor(mid);
        assertThat((long) size * size * mid).isLessThanOrEqualTo(DecisionGrid.MAX_WORK);
        assertThat(size).isBetween(DecisionGrid.MIN_SIZE, DecisionGrid.MAX_SIZE - 1);
    }

    @Test
    void digitsAreOneCharacterPerCellRowByRowFromTheLowestY() {
        SpiralClassifier problem = spiral(8, Activation.RELU);
        DecisionGrid grid = DecisionGrid.of(problem, trained(problem, 50), 4, new Interval(-1, 1), new Interval(-1, 1));
        assertThat(grid.digits()).hasSize(16).matches("[0-2]{16}");
        for (int k = 0; k < 16; k++) {
            assertThat(grid.digits().charAt(k) - '0').isEqualTo(grid.classes()[k]);
        }
    }
}
