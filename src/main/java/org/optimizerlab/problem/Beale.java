package org.optimizerlab.problem;

import java.util.List;
import java.util.Map;

/**
 * Beale's function, {@code f(x, y) = (1.5 - x + xy)² + (2.25 - x + xy²)² + (2.625 - x + xy³)²}; minimum 0 at
 * {@code (3, 0.5)}, flat plateaus and steep walls elsewhere. With {@code r1, r2, r3} the three brackets:
 * {@code df/dx = 2 r1 (y - 1) + 2 r2 (y² - 1) + 2 r3 (y³ - 1)},
 * {@code df/dy = 2 r1 x + 4 r2 x y + 6 r3 x y²}.
 */
public record Beale() implements Surface {

    @Override
    public String type() {
        return "beale";
    }

    @Override
    public double value(double x, double y) {
        double r1 = 1.5 - x + x * y;
        double r2 = 2.25 - x + x * y * y;
        double r3 = 2.625 - x + x * y * y * y;
        return r1 * r1 + r2 * r2 + r3 * r3;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        double y2 = y * y;
        double y3 = y2 * y;
        double r1 = 1.5 - x + x * y;
        double r2 = 2.25 - x + x * y2;
        double r3 = 2.625 - x + x * y3;
        out[0] = 2 * r1 * (y - 1) + 2 * r2 * (y2 - 1) + 2 * r3 * (y3 - 1);
        out[1] = 2 * r1 * x + 4 * r2 * x * y + 6 * r3 * x * y2;
    }

    @Override
    public List<Interval> bounds() {
        return List.of(new Interval(-4.5, 4.5), new Interval(-4.5, 4.5));
    }

    @Override
    public List<double[]> minima() {
        return List.of(new double[] {3, 0.5});
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1.0, 1.5};
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }
}
