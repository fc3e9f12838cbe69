package org.optimizerlab.problem;

import java.util.List;
import java.util.Map;

/**
 * Rosenbrock's banana valley, {@code f(x, y) = (1 - x)² + 100 (y - x²)²}, gradient
 * {@code (-2 (1 - x) - 400 x (y - x²), 200 (y - x²))}; minimum 0 at {@code (1, 1)} at the end of a long, flat,
 * curved valley: easy to fall into, slow to follow.
 */
public record Rosenbrock() implements Surface {

    @Override
    public String type() {
        return "rosenbrock";
    }

    @Override
    public double value(double x, double y) {
        double u = 1 - x;
        double w = y - x * x;
        return u * u + 100 * w * w;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        double w = y - x * x;
        out[0] = -2 * (1 - x) - 400 * x * w;
        out[1] = 200 * w;
    }

    @Override
    public List<Interval> bounds() {
        return List.of(new Interval(-2, 2), new Interval(-1, 3));
    }

    @Override
    public List<double[]> minima() {
        return List.of(new double[] {1, 1});
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-1.5, 2.0};
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }
}
