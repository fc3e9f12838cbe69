package org.optimizerlab.problem;

import java.util.List;
import java.util.Map;

/**
 * A saddle with two valleys, {@code f(x, y) = x² + y⁴/4 - y²}, gradient {@code (2x, y³ - 2y)}. The origin is a
 * saddle point (a minimum along x, a maximum along y) where the gradient is zero; the minima, value -1, are at
 * {@code (0, ±sqrt 2)}. A run started exactly on the x axis never leaves it: the notes' remark that where
 * {@code dx} is 0 the update stops.
 */
public record Saddle() implements Surface {

    @Override
    public String type() {
        return "saddle";
    }

    @Override
    public double value(double x, double y) {
        double y2 = y * y;
        return x * x + y2 * y2 / 4 - y2;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        out[0] = 2 * x;
        out[1] = y * y * y - 2 * y;
    }

    @Override
    public List<Interval> bounds() {
        return List.of(new Interval(-2, 2), new Interval(-2.5, 2.5));
    }

    @Override
    public List<double[]> minima() {
        double root2 = Math.sqrt(2);
        return List.of(new double[] {0, root2}, new double[] {0, -root2});
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-1.5, 0.001};
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }
}
