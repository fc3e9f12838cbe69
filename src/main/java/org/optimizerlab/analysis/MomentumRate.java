package org.optimizerlab.analysis;

import java.util.List;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The exact convergence rate of momentum (heavy ball) and Nesterov on the quadratic {@code 0.5 (a x² + b y²)}.
 *
 * <p>On an eigendirection of curvature {@code λ} the gradient is {@code λ x}, so one update is a linear map of
 * the state {@code (x, v)}. Momentum ({@code v = mu v - lr λ x; x += v}):
 * <pre>
 * [x']   [1 - lr λ   mu] [x]
 * [v'] = [ -lr λ     mu] [v]        trace 1 - lr λ + mu, determinant mu
 * </pre>
 * Nesterov in the notes' form ({@code x += v' + mu (v' - v)}, x holds the look-ahead point):
 * <pre>
 * [x']   [1 - (1 + mu) lr λ   mu²] [x]
 * [v'] = [      -lr λ          mu] [v]   trace 1 - (1 + mu) lr λ + mu, determinant mu (1 - lr λ)
 * </pre>
 * The eigenvalues of a 2×2 matrix are the roots of {@code z² - T z + D}: {@code (T ± sqrt(T² - 4D)) / 2}. The
 * distance to the minimum shrinks by the largest of their moduli per step (the spectral radius), on the slowest
 * eigendirection: the rate is the maximum over {@code λ ∈ {a, b}}. Below 1 the run converges; the closer to 0, the
 * faster. {@code mu = 0} is plain SGD, rate {@code max |1 - lr λ|}.
 */
public final class MomentumRate {

    /** The optimizers whose iteration on a quadratic is analysed here. */
    public enum Method {
        /** Heavy-ball momentum ({@code momentum}); {@code mu = 0} is SGD. */
        MOMENTUM("momentum"),
        /** Nesterov's accelerated gradient in the notes' look-ahead form ({@code nesterov}). */
        NESTEROV("nesterov");

        private final String type;

        Method(String type) {
            this.type = type;
        }

        /** The optimizer's type in a spec. */
        public String type() {
            return type;
        }

        /** The method of optimizer type {@code type} ({@code sgd} is momentum with {@code mu = 0}), at {@code field}. */
        public static Method of(String type, String field) {
            return switch (type) {
                case "momentum", "sgd" -> MOMENTUM;
                case "nesterov" -> NESTEROV;
                default -> throw new FieldException(field, "the rate map covers momentum and nesterov (and sgd as "
                        + "mu = 0); got " + org.optimizerlab.validation.Quote.of(type));
            };
        }
    }

    /** What a run at a point of the map does: the region's name on the page and in the API. */
    public enum Region {
        /** The dominant eigenvalue is real and positive: the run creeps towards the minimum without swinging. */
        TOO_SLOW("too-slow"),
        /** The dominant eigenvalue is complex or negative: the run swings across the minimum as it converges. */
        OSCILLATING("oscillating"),
        /** The rate is at least 1: the run does not converge. */
        DIVERGING("diverging");

        private final String id;

        Region(String id) {
            this.id = id;
        }

        /** The name in the API ({@code too-slow}, {@code oscillating}, {@code diverging}). */
        public String id() {
            return id;
        }
    }

    /**
     * The rate at one (lr, mu) and the region it lies in.
     *
     * @param rate    the spectral radius, maximum over the eigenvalues {@code a} and {@code b}
     * @param region  the region, decided by the dominant eigenvalue of the slowest eigendirection
     * @param slowest the curvature ({@code a} or {@code b}) whose direction converges slowest
     */
    public record Rate(double rate, Region region, double slowest) {
    }

    private MomentumRate() {
    }

    /** The 2×2 matrix of one update on an eigendirection of curvature {@code lambda}, row by row. */
    public static double[] matrix(Method method, double lr, double mu, double lambda) {
        double h = lr * lambda;
        return switch (method) {
            case MOMENTUM -> new double[] {1 - h, mu, -h, mu};
            case NESTEROV -> new double[] {1 - (1 + mu) * h, mu * mu, -h, mu};
        };
    }

    /** The spectral radius of the 2×2 matrix {@code m} (row by row), from the closed form of its eigenvalues. */
    public static double spectralRadius(double[] m) {
        double trace = m[0] + m[3];
        double det = m[0] * m[3] - m[1] * m[2];
        double discriminant = trace * trace - 4 * det;
        if (discriminant < 0) {
            return Math.sqrt(det);                       // a complex pair: |z|² = z z̄ = det
        }
        return (Math.abs(trace) + Math.sqrt(discriminant)) / 2;   // the root of larger modulus, without cancellation
    }

    /** The rate of {@code method} at (lr, mu) on one eigendirection of curvature {@code lambda}, and its region. */
    static Rate onDirection(Method method, double lr, double mu, double lambda) {
        double[] m = matrix(method, lr, mu, lambda);
        double radius = spectralRadius(m);
        double trace = m[0] + m[3];
        double det = m[0] * m[3] - m[1] * m[2];
        Region region;
        if (!(radius < 1)) {
            region = Region.DIVERGING;
        } else if (trace * trace - 4 * det < 0 || trace < 0) {
            region = Region.OSCILLATING;                 // complex pair, or the dominant real root is negative
        } else {
            region = Region.TOO_SLOW;
        }
        return new Rate(radius, region, lambda);
    }

    /** The rate of {@code method} at (lr, mu) on the quadratic with curvatures {@code a} and {@code b}. */
    public static Rate of(Method method, double lr, double mu, double a, double b) {
        Check.positive("lr", lr);
        Check.inClosedOpen("mu", mu, 0, 1);
        Check.positive("a", a);
        Check.positive("b", b);
        Rate worst = null;
        for (double lambda : List.of(a, b)) {
            Rate rate = onDirection(method, lr, mu, lambda);
            if (worst == null || rate.rate() > worst.rate()) {
                worst = rate;
            }
        }
        return worst;
    }

    /**
     * The best heavy-ball pair for curvatures {@code a} and {@code b} (condition number {@code κ = max/min}):
     * {@code lr* = (2 / (√a + √b))²}, {@code mu* = ((√κ - 1) / (√κ + 1))²}, where both directions are at the edge
     * of oscillating and the rate is {@code √mu* = (√κ - 1) / (√κ + 1)}.
     */
    public static Optimum optimum(double a, double b) {
        Check.positive("a", a);
        Check.positive("b", b);
        double sqrtKappa = Math.sqrt(Math.max(a, b) / Math.min(a, b));
        double lr = Math.pow(2 / (Math.sqrt(a) + Math.sqrt(b)), 2);
        double rootMu = (sqrtKappa - 1) / (sqrtKappa + 1);
        return new Optimum(lr, rootMu * rootMu, rootMu);
    }

    /**
     * The best Nesterov pair for curvatures {@code a} and {@code b} ({@code L = max}, {@code m = min},
     * {@code κ = L/m}): {@code lr* = 4 / (3L + m)}, {@code mu* = (√(3κ+1) - 2) / (√(3κ+1) + 2)}, rate
     * {@code 1 - 2/√(3κ+1)} (Lessard, Recht and Packard, "Analysis and design of optimization algorithms via integral
     * quadratic constraints", SIAM J. Optim. 26(1), 2016, Proposition 1: Nesterov's method tuned for quadratics with
     * eigenvalues in {@code [m, L]}). There the slow direction is critically damped (a double real root) and the
     * fast one swings with a negative real root of the same modulus; the rate over every curvature in {@code [m, L]} is at most its value at the ends, so the pair is also the best
     * for the two-curvature quadratic of the map. The notes' look-ahead form has the same characteristic polynomial
     * ({@code z² - (1 + mu)(1 - lr λ) z + mu (1 - lr λ)}) as the textbook form, hence the same optimum.
     * {@code MomentumRateTest} checks it against a numeric minimisation of {@link #of}.
     */
    public static Optimum nesterovOptimum(double a, double b) {
        Check.positive("a", a);
        Check.positive("b", b);
        double large = Math.max(a, b);
        double small = Math.min(a, b);
        double root = Math.sqrt(3 * large / small + 1);
        return new Optimum(4 / (3 * large + small), (root - 2) / (root + 2), 1 - 2 / root);
    }

    /** The best pair of {@code method} for curvatures {@code a} and {@code b}. */
    public static Optimum optimum(Method method, double a, double b) {
        return switch (method) {
            case MOMENTUM -> optimum(a, b);
            case NESTEROV -> nesterovOptimum(a, b);
        };
    }

    /**
     * The best (lr, mu) of momentum or Nesterov for a condition number.
     *
     * @param lr   the learning rate
     * @param mu   the momentum
     * @param rate the rate there ({@code √mu} for heavy ball, {@code 1 - 2/√(3κ+1)} for Nesterov)
     */
    public record Optimum(double lr, double mu, double rate) {
    }

    /**
     * The critical momentum at a learning rate on curvature {@code lambda}: {@code (1 - √(lr λ))²}, where the two
     * real eigenvalues of the heavy-ball iteration meet (critical damping; more momentum makes them a complex pair
     * of modulus {@code √mu}, and the run oscillates). Only meaningful for {@code lr λ < 1}.
     */
    public static double criticalMu(double lr, double lambda) {
        double root = 1 - Math.sqrt(lr * lambda);
        return root * root;
    }
}
