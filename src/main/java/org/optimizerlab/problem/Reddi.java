package org.optimizerlab.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * The one-dimensional online problem on which Adam fails, from the synthetic experiment of Reddi, Kale, Kumar (2018,
 * "On the Convergence of Adam and Beyond", section 5). Update {@code t} (counted from 1) sees the linear loss
 * {@code f_t(x) = big * x} when {@code t mod period == 1} and {@code f_t(x) = small * x} otherwise, so its gradient
 * is {@code big} (1010) once per period (101) and {@code small} (-10) in between; {@code x} is kept in
 * {@code [-1, 1]} by projection after each update.
 *
 * <p>Averaged over a period the loss is {@code F(x) = (big + (period - 1) * small) / period * x} = {@code 10x/101}
 * with the defaults, so the best point is {@code x = -1}. Adam's moving average forgets the rare large gradient
 * quickly, its effective learning rate jumps up again, and the many small gradients push {@code x} to the wrong end,
 * {@code +1}; AMSGrad's running maximum remembers it and converges to {@code -1}. {@link #loss} reports the average
 * loss {@code F(x)}; {@link #gradient} returns {@code f_t(x)}.
 *
 * @param big    the rare gradient, default {@value #DEFAULT_BIG}
 * @param small  the frequent gradient, default {@value #DEFAULT_SMALL}
 * @param period how many updates one cycle has, an integer {@code >= 2}; default {@value #DEFAULT_PERIOD}
 */
public record Reddi(double big, double small, int period) implements Problem {

    /** The paper's rare large gradient. */
    public static final double DEFAULT_BIG = 1010;
    /** The paper's frequent small gradient. */
    public static final double DEFAULT_SMALL = -10;
    /** The paper's period: one large gradient every 101 updates. */
    public static final int DEFAULT_PERIOD = 101;

    public Reddi {
        Check.finite("big", big);
        Check.finite("small", small);
        Check.intInRange("period", period, 2, 1_000_000);
    }

    @Override
    public String type() {
        return "reddi";
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1.0};
    }

    /** The slope of the average loss {@code F(x)}: {@code (big + (period - 1) * small) / period}. */
    public double averageSlope() {
        return (big + (period - 1) * small) / period;
    }

    @Override
    public double loss(double[] x) {
        return averageSlope() * x[0];
    }

    @Override
    public double gradient(double[] x, Batch batch, double[] dx) {
        long t = batch.update() + 1;                             // the paper counts updates from 1
        double slope = t % period == 1 ? big : small;
        dx[0] = slope;
        return slope * x[0];
    }

    @Override
    public void project(double[] x) {
        x[0] = Math.max(-1, Math.min(1, x[0]));
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("big", big);
        map.put("small", small);
        map.put("period", period);
        return map;
    }
}
