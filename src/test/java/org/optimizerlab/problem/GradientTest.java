package org.optimizerlab.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.optim.ReferenceFiles;
import org.optimizerlab.optim.RelativeDifference;

/**
 * The analytic gradients of every 2-D problem against centred finite differences and against torch autograd (golden
 * file {@code reference/torch/gradients.json}), and the problems' documented points: minima, bounds, defaults.
 */
class GradientTest {

    static List<Surface> surfaces() {
        return List.of(new Quadratic(1, 20), new Quadratic(3, 0.5), new Rosenbrock(), new Beale(), new Himmelblau(),
                new Saddle());
    }

    /** Points all over each problem's plotting window (and its corners), where lessons run. */
    static List<double[]> points(Surface surface) {
        SplittableRandom random = new SplittableRandom(surface.type().hashCode());
        Interval xs = surface.bounds().get(0);
        Interval ys = surface.bounds().get(1);
        List<double[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            points.add(new double[] {random.nextDouble(xs.low(), xs.high()), random.nextDouble(ys.low(), ys.high())});
        }
        points.add(new double[] {xs.low(), ys.low()});
        points.add(new double[] {xs.high(), ys.high()});
        points.add(surface.defaultStart());
        return points;
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void gradientMatchesCentredFiniteDifferences(Surface surface) {
        double[] gradient = new double[2];
        for (double[] p : points(surface)) {
            surface.gradient(p[0], p[1], gradient);
            for (int i = 0; i < 2; i++) {
                double h = 1e-5 * Math.max(1, Math.abs(p[i]));
                double[] plus = p.clone();
                double[] minus = p.clone();
                plus[i] += h;
                minus[i] -= h;
                double difference = (surface.loss(plus) - surface.loss(minus)) / (plus[i] - minus[i]);
                // truncation ~h² f''' and round-off ~1e-16 |f| / h, both far below this
                double tolerance = 1e-6 * Math.max(1, Math.abs(gradient[i])) + 1e-10 * Math.abs(surface.loss(p));
                assertThat(gradient[i]).as("%s d/dp%d at (%s, %s)", surface.type(), i, p[0], p[1])
                        .isCloseTo(difference, within(tolerance));
            }
        }
    }

    @Test
    void valuesAndGradientsMatchTorchAutograd() {
        JsonNode points = ReferenceFiles.read("torch/gradients.json").get("points");
        assertThat(points.size()).isGreaterThanOrEqualTo(50);
        double worst = 0;
        for (JsonNode point : points) {
            Surface surface = surface(point.get("problem"));
            double[] x = ReferenceFiles.doubles(point.get("x"));
            double[] expected = ReferenceFiles.doubles(point.get("gradient"));
            double[] gradient = new double[2];
            double value = surface.gradient(x, Batch.fullBatch(0), gradient);
            // the terms of these sums are up to ~|value| + |gradient| large; their rounding is the only difference
            double floor = 1e-6 * (Math.abs(expected[0]) + Math.abs(expected[1]) + Math.abs(value) + 1);
            worst = Math.max(worst, RelativeDifference.of(value, point.get("value").doubleValue(), floor));
            for (int i = 0; i < 2; i++) {
                worst = Math.max(worst, RelativeDifference.of(gradient[i], expected[i], floor));
            }
        }
        System.out.printf("gradients vs autograd: worst relative difference %.3g%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1e-12);
    }

    private static Surface surface(JsonNode problem) {
        return switch (problem.get("type").asText()) {
            case "quadratic" -> new Quadratic(problem.path("a").asDouble(Quadratic.DEFAULT_A),
                    problem.path("b").asDouble(Quadratic.DEFAULT_B));
            case "rosenbrock" -> new Rosenbrock();
            case "beale" -> new Beale();
            case "himmelblau" -> new Himmelblau();
            case "saddle" -> new Saddle();
            default -> throw new IllegalArgumentException(problem.toString());
        };
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void minimaAreStationaryInsideTheBoundsAndTheProblemApiAgreesWithTheSurface(Surface surface) {
        assertThat(surface.dimension()).isEqualTo(2);
        assertThat(surface.trainingSetSize()).isZero();
        double expectedMinimum = surface instanceof Saddle ? -1 : 0;
        double[] gradient = new double[2];
        for (double[] minimum : surface.minima()) {
            surface.gradient(minimum[0], minimum[1], gradient);
            assertThat(gradient[0]).as(surface.type()).isCloseTo(0, within(1e-9));
            assertThat(gradient[1]).as(surface.type()).isCloseTo(0, within(1e-9));
            assertThat(surface.value(minimum[0], minimum[1])).isCloseTo(expectedMinimum, within(1e-12));
            assertThat(inside(surface, minimum)).as(surface.type() + " minimum inside bounds").isTrue();
        }
        assertThat(inside(surface, surface.defaultStart())).as(surface.type() + " start inside bounds").isTrue();
        double[] p = {0.7, -0.3};
        double[] dx = new double[2];
        assertThat(surface.gradient(p, Batch.fullBatch(5), dx)).isEqualTo(surface.value(0.7, -0.3));
        surface.gradient(0.7, -0.3, gradient);
        assertThat(dx).containsExactly(gradient);
        assertThat(surface.loss(p)).isEqualTo(surface.value(0.7, -0.3));
        double[] unchanged = {5, -5};
        surface.project(unchanged);
        assertThat(unchanged).containsExactly(5, -5);
    }

    private static boolean inside(Surface surface, double[] p) {
        Interval xs = surface.bounds().get(0);
        Interval ys = surface.bounds().get(1);
        return xs.low() <= p[0] && p[0] <= xs.high() && ys.low() <= p[1] && p[1] <= ys.high();
    }

    @Test
    void formulasOfTheIssueAtHandPickedPoints() {
        assertThat(new Quadratic(1, 20).value(2, 1)).isEqualTo(0.5 * (4 + 20));
        assertThat(new Rosenbrock().value(-1, 2)).isEqualTo(4 + 100);
        assertThat(new Beale().value(0, 0)).isEqualTo(1.5 * 1.5 + 2.25 * 2.25 + 2.625 * 2.625);
        assertThat(new Himmelblau().value(0, 0)).isEqualTo(121 + 49);
        assertThat(new Saddle().value(1, 2)).isEqualTo(1 + 4 - 4);
        double[] g = new double[2];
        new Saddle().gradient(0, 0, g);
        assertThat(g).containsExactly(0.0, 0.0);                 // the saddle point: the update stops there
    }

    @Test
    void invalidProblemParametersNameTheField() {
        assertThatThrownBy(() -> new Quadratic(0, 1)).hasMessage("a: must be > 0, got 0");
        assertThatThrownBy(() -> new Quadratic(1, -2)).hasMessage("b: must be > 0, got -2");
        assertThatThrownBy(() -> new Reddi(Double.NaN, -10, 101)).hasMessage("big: must be a finite number, got NaN");
        assertThatThrownBy(() -> new Reddi(1010, -10, 1)).hasMessage("period: must be an integer in 2..1000000, got 1");
    }
}
