package org.optimizerlab.problem;

import java.util.List;
import java.util.Map;

/**
 * Himmelblau's function, {@code f(x, y) = (x² + y - 11)² + (x + y² - 7)²}, with four minima of value 0: which one a
 * run ends in depends on where it starts and on the optimizer. With {@code a = x² + y - 11} and
 * {@code b = x + y² - 7}: {@code df/dx = 4 a x + 2 b}, {@code df/dy = 2 a + 4 b y}.
 */
public record Himmelblau() implements Surface {

    @Override
    public String type() {
        return "himmelblau";
    }

    @Override
    public double value(double x, double y) {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        return a * a + b * b;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        out[0] = 4 * a * x + 2 * b;
        out[1] = 2 * a + 4 * b * y;
    }

    @Override
    public List<Interval> bounds() {
        return List.of(new Interval(-5, 5), new Interval(-5, 5));
    }

    @Override
    public List<double[]> minima() {
        return List.of(
                new double[] {3.0, 2.0},
                new double[] {-2.805118086952745, 3.131312518250573},
                new double[] {-3.779310253377747, -3.283185991286170},
                new double[] {3.584428340330492, -1.848126526964404});
    }

    @Override
    public double[] defaultStart() {
        return new double[] {0.0, 0.0};
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }
}
