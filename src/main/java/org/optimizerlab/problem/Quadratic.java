package org.optimizerlab.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * An elongated bowl, {@code f(x, y) = 0.5 (a x² + b y²)}, gradient {@code (a x, b y)}; minimum 0 at the origin.
 * With {@code b >> a} it is the classic narrow valley where plain gradient descent zig-zags across and momentum
 * helps: the largest stable SGD learning rate is {@code 2 / max(a, b)}.
 *
 * @param a the curvature along {@code x}, {@code > 0}; default {@value #DEFAULT_A}
 * @param b the curvature along {@code y}, {@code > 0}; default {@value #DEFAULT_B}
 */
public record Quadratic(double a, double b) implements Surface {

    /** Default curvature along x. */
    public static final double DEFAULT_A = 1;
    /** Default curvature along y. */
    public static final double DEFAULT_B = 20;

    public Quadratic {
        Check.positive("a", a);
        Check.positive("b", b);
    }

    @Override
    public String type() {
        return "quadratic";
    }

    @Override
    public double value(double x, double y) {
        return 0.5 * (a * x * x + b * y * y);
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        out[0] = a * x;
        out[1] = b * y;
    }

    @Override
    public List<Interval> bounds() {
        return List.of(new Interval(-3, 3), new Interval(-2, 2));
    }

    @Override
    public List<double[]> minima() {
        return List.of(new double[] {0, 0});
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-2.5, 1.5};
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", a);
        map.put("b", b);
        return map;
    }
}
