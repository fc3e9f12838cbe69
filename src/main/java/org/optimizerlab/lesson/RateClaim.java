package org.optimizerlab.lesson;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.analysis.MomentumRate;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.problem.Quadratic;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * {@code rate_matches}: on the quadratic, the rate a run is measured to converge at equals the rate map's exact
 * prediction ({@link MomentumRate}). The measured rate is the ratio of the run's distances to the minimum (the
 * origin) over the window {@code from..to}, per step: {@code (|x_to| / |x_from|)^(1 / (to - from))}, taken at the
 * first plotted point at or after {@code from} and the last at or before {@code to}. The claim holds when it is
 * within {@code tolerance} of {@code value}; {@code value} must itself be the map's rate for the run (to
 * {@value #VALUE_DIGITS}), checked when the lesson is loaded, so the number a lesson quotes is the map's.
 *
 * @param run       the run measured: momentum, nesterov or sgd, at a constant lr
 * @param from      the first step of the window, {@code >= 0}
 * @param to        the last step of the window, {@code > from}, at most the spec's steps
 * @param value     the map's rate for the run
 * @param tolerance how far the measured rate may be from {@code value}, {@code >= 0}
 */
public record RateClaim(String run, int from, int to, double value, double tolerance) implements RaceClaim {

    /** How close {@code value} must be to the map's rate: the text quotes it to three or four decimals. */
    static final double VALUE_DIGITS = 5e-4;

    public RateClaim {
        Check.present("run", run);
        Check.intInRange("from", from, 0, Integer.MAX_VALUE);
        Check.intInRange("to", to, 0, Integer.MAX_VALUE);
        if (to <= from) {
            throw new FieldException("to", "must be > from (" + from + "), got " + to);
        }
        Check.inOpen("value", value, 0, 1);
        Check.nonNegative("tolerance", tolerance);
    }

    @Override
    public String type() {
        return "rate_matches";
    }

    @Override
    public Set<String> runs() {
        return Set.of(run);
    }

    @Override
    public void checkAgainst(Setup setup) {
        Experiment experiment = ((Setup.Race) setup).experiment();
        if (!(experiment.problem() instanceof Quadratic quadratic)) {
            throw new FieldException("type", "rate_matches needs the quadratic problem; the spec's is '"
                    + experiment.problem().type() + "'");
        }
        if (to > experiment.steps()) {
            throw new FieldException("to", "must be at most the spec's " + experiment.steps() + " steps, got " + to);
        }
        double predicted = predicted(experiment.runs().stream().filter(r -> r.id().equals(run)).findFirst()
                .orElseThrow(), quadratic);
        if (!(predicted < 1)) {
            throw new FieldException("run", "does not converge: the map's rate for " + Quote.of(run) + " is "
                    + String.format(Locale.ROOT, "%.4f", predicted));
        }
        if (Math.abs(predicted - value) > VALUE_DIGITS) {
            throw new FieldException("value", "must be the rate map's prediction for " + Quote.of(run) + ", "
                    + String.format(Locale.ROOT, "%.4f", predicted) + ", got " + Check.show(value));
        }
    }

    /** The map's rate for {@code run} on {@code quadratic}. */
    static double predicted(Run run, Quadratic quadratic) {
        String type = run.optimizer().type();
        MomentumRate.Method method = MomentumRate.Method.of(type, "run");
        if (!run.schedule().type().equals("constant")) {
            throw new FieldException("run", "must have a constant lr for the map to predict its rate");
        }
        Map<String, Object> hyper = run.optimizer().hyperparameters();
        double lr = ((Number) hyper.get("lr")).doubleValue();
        double mu = type.equals("sgd") ? 0 : ((Number) hyper.get("mu")).doubleValue();
        return MomentumRate.of(method, lr, mu, quadratic.a(), quadratic.b()).rate();
    }

    @Override
    public Verdict check(Map<String, List<SeriesPoint>> series) {
        List<SeriesPoint> points = series.get(run);
        if (points == null || points.isEmpty()) {
            return new Verdict(false, run + " is missing");
        }
        double measured = measuredRate(points, from, to);
        boolean holds = Math.abs(measured - value) <= tolerance;
        return new Verdict(holds, "measured rate of " + run + " over steps " + from + ".." + to + " = " + measured
                + (holds ? ", within " : ", not within ") + Check.show(tolerance) + " of the map's "
                + Check.show(value));
    }

    /**
     * The rate measured on plotted points: {@code (|x_to| / |x_from|)^(1 / (to - from))} between the first point at
     * or after {@code from} and the last at or before {@code to}; {@code NaN} when there are not two such points with
     * finite parameters.
     */
    public static double measuredRate(List<SeriesPoint> points, int from, int to) {
        SeriesPoint first = null;
        SeriesPoint last = null;
        for (SeriesPoint p : points) {
            if (p.nonFinite() || p.params().length == 0) {
                continue;
            }
            if (first == null && p.step() >= from) {
                first = p;
            }
            if (p.step() <= to) {
                last = p;
            }
        }
        if (first == null || last == null || last.step() <= first.step()) {
            return Double.NaN;
        }
        return Math.pow(norm(last.params()) / norm(first.params()), 1.0 / (last.step() - first.step()));
    }

    private static double norm(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
