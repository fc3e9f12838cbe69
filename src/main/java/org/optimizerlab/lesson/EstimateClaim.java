package org.optimizerlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.JsonFields;

/**
 * The claims of gradient estimates, checked on the series {@value Claim#ESTIMATE_SERIES}: one point per batch size
 * K, its mean error as {@code loss}.
 */
public sealed interface EstimateClaim extends Claim {

    /** The claim types, as named in {@code experiment.json}. */
    List<String> TYPES = List.of("error_slope");

    @Override
    default String kind() {
        return Setup.Estimate.KIND;
    }

    @Override
    default Set<String> runs() {
        return Set.of();
    }

    /** Reads a check of one of {@link #TYPES}. */
    static EstimateClaim read(String type, JsonFields check) {
        double value = check.number("value");
        double tolerance = check.number("tolerance");
        return check.within(() -> new ErrorSlope(value, tolerance));
    }

    /**
     * {@code error_slope}: on log-log axes, the error of the mean of K minibatch gradients falls along a line of
     * slope {@code value} (the least-squares fit over every K), within {@code tolerance}: {@code -0.5} says the
     * error shrinks like {@code 1/sqrt(K)}, as it does for an unbiased estimate.
     */
    record ErrorSlope(double value, double tolerance) implements EstimateClaim {
        public ErrorSlope {
            Check.finite("value", value);
            Check.nonNegative("tolerance", tolerance);
        }

        @Override
        public String type() {
            return "error_slope";
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            List<SeriesPoint> points = series.get(ESTIMATE_SERIES);
            if (points == null) {
                return new Verdict(false, "there is no series '" + ESTIMATE_SERIES + "'");
            }
            double slope = slope(points);
            boolean holds = Math.abs(slope - value) <= tolerance;
            return new Verdict(holds, "log-log slope of the error against K = " + slope
                    + (holds ? ", within " : ", not within ") + Check.show(tolerance) + " of " + Check.show(value));
        }

        /**
         * The least-squares slope of {@code ln(loss)} against {@code ln(step)} over the points with {@code step > 0}
         * and a finite positive loss; {@code NaN} with fewer than two such points of different K.
         */
        public static double slope(List<SeriesPoint> points) {
            double n = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (SeriesPoint p : points) {
                if (p.step() > 0 && Double.isFinite(p.loss()) && p.loss() > 0) {
                    double x = Math.log(p.step());
                    double y = Math.log(p.loss());
                    n++;
                    sx += x;
                    sy += y;
                    sxx += x * x;
                    sxy += x * y;
                }
            }
            double denominator = n * sxx - sx * sx;
            return n < 2 || denominator <= 1e-12 * n * sxx ? Double.NaN : (n * sxy - sx * sy) / denominator;
        }
    }
}
