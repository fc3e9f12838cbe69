package org.optimizerlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * What a lesson says the student will see, as a check on the plotted series: for a race {@code {runId: points in
 * step order}}; for a gradient estimate one series {@value #ESTIMATE_SERIES} of points {@code (step = K, loss =
 * mean error)}. The same check runs on the engine's output (the lesson claim test, {@code check-lessons}) and on
 * the data of the page's charts (the browser tests).
 *
 * <p>A run's <em>final loss</em> is the loss of its last point, or {@code +Infinity} if the run diverged (a
 * diverged run has lost every comparison). A run missing from the series makes every claim about it fail.
 *
 * <p>The series are named as the page's chart datasets are keyed: a run's loss by its id; on a training problem
 * also {@link #accuracySeries} (one point per epoch end: {@code step} = epochs done, {@code loss} = accuracy) and
 * {@link #ratioSeries} (per update: the update-to-weight ratio of one block); {@value #STD_SERIES} for an
 * activation study and {@value #TRIALS_SERIES} for a search. The checks of each kind are in {@link TrainingClaim},
 * {@link ActivationClaim} and {@link SearchClaim}.
 */
public sealed interface Claim permits Claim.FinalLossLess, Claim.FinalLossBelow, Claim.ReachesFirst, Claim.Diverges,
        Claim.StaysFinite, Claim.FinalParamNear, Claim.ErrorSlope, RateClaim, TrainingClaim, ActivationClaim, SearchClaim {

    /** The name of the one series of a gradient estimate: K as {@code step}, the mean error as {@code loss}. */
    String ESTIMATE_SERIES = "estimate";
    /** The series of an activation study: the layer (from 1) as {@code step}, its standard deviation as {@code loss}. */
    String STD_SERIES = "std";
    /**
     * The series of a search: the trial index as {@code step}, its validation accuracy as {@code loss}, and as
     * {@code params} its {@code [lr, reg, dropout, validation loss]}; diverged trials flagged.
     */
    String TRIALS_SERIES = "trials";

    /** The series of a run's accuracy on {@code split} ({@code train} or {@code validation}), per epoch end. */
    static String accuracySeries(String run, String split) {
        return "accuracy/" + split + "/" + run;
    }

    /** The series of a run's update-to-weight ratio of parameter block {@code layer}, per update. */
    static String ratioSeries(String run, String layer) {
        return "ratio/" + layer + "/" + run;
    }

    /** The check's name in {@code experiment.json}. */
    String type();

    /** The kind of preset the claim is about ({@link Setup#kind()}). */
    default String kind() {
        return Setup.Race.KIND;
    }

    /** The ids of the runs the claim talks about (each must be a run of the preset's spec). */
    Set<String> runs();

    /** Whether the claim holds on {@code series}, and why (or why not), in numbers. */
    Verdict check(Map<String, List<SeriesPoint>> series);

    /**
     * Checks what only this claim type needs of the preset it is about (a run's problem has accuracies, a layer
     * exists), with the field in the claim's {@code check} object; the preset reader has already checked the kind
     * and that the runs named exist.
     */
    default void checkAgainst(Setup setup) {
    }

    /** Whether the claim holds on {@code series}. */
    default boolean holds(Map<String, List<SeriesPoint>> series) {
        return check(series).holds();
    }

    /** The outcome of a check, with the numbers that decided it. */
    record Verdict(boolean holds, String explanation) {
    }

    /** The claim types of races on any problem. */
    List<String> RACE_TYPES = List.of("final_loss_less", "final_loss_below", "reaches_first", "diverges",
            "stays_finite", "final_param_near", "rate_matches");

    /**
     * The claim types, as named in {@code experiment.json}: those of races (any problem, then training problems),
     * of gradient estimates, of activation studies and of searches.
     */
    List<String> TYPES = java.util.stream.Stream.of(RACE_TYPES, TrainingClaim.TYPES, List.of("error_slope"),
            ActivationClaim.TYPES, SearchClaim.TYPES).flatMap(List::stream).toList();

    /** The preset kind the claim type {@code type} (one of {@link #TYPES}) is about. */
    static String kindOf(String type) {
        if (type.equals("error_slope")) {
            return Setup.Estimate.KIND;
        }
        if (ActivationClaim.TYPES.contains(type)) {
            return Setup.Activations.KIND;
        }
        return SearchClaim.TYPES.contains(type) ? Setup.Search.KIND : Setup.Race.KIND;
    }

    /** Reads the {@code check} object of a claim. */
    static Claim read(JsonFields check) {
        String type = check.choice("type", TYPES);
        Claim claim = switch (type) {
            case "final_loss_less" -> {
                String run = check.text("run");
                String than = check.text("than");
                double factor = check.number("factor", 1);
                yield check.within(() -> new FinalLossLess(run, than, factor));
            }
            case "final_loss_below" -> {
                String run = check.text("run");
                double value = check.number("value");
                yield check.within(() -> new FinalLossBelow(run, value));
            }
            case "reaches_first" -> {
                String run = check.text("run");
                String than = check.text("than");
                double value = check.number("value");
                yield check.within(() -> new ReachesFirst(run, than, value));
            }
            case "diverges" -> new Diverges(check.text("run"));
            case "stays_finite" -> new StaysFinite(check.text("run"));
            case "final_param_near" -> {
                String run = check.text("run");
                int index = (int) check.integer("index", 0, 1_000_000);
                double value = check.number("value");
                double tolerance = check.number("tolerance");
                yield check.within(() -> new FinalParamNear(run, index, value, tolerance));
            }
            case "rate_matches" -> {
                String run = check.text("run");
                int from = (int) check.integer("from", 0, 1_000_000);
                int to = (int) check.integer("to", 1, 1_000_000);
                double value = check.number("value");
                double tolerance = check.number("tolerance");
                yield check.within(() -> new RateClaim(run, from, to, value, tolerance));
            }
            case "error_slope" -> {
                double value = check.number("value");
                double tolerance = check.number("tolerance");
                yield check.within(() -> new ErrorSlope(value, tolerance));
            }
            default -> {
                if (TrainingClaim.TYPES.contains(type)) {
                    yield TrainingClaim.read(type, check);
                }
                yield ActivationClaim.TYPES.contains(type) ? ActivationClaim.read(type, check)
                        : SearchClaim.read(type, check);
            }
        };
        check.rejectUnknown();
        return claim;
    }

    /**
     * Reads the optional bounds {@code above} and {@code below} of a check that needs at least one of them:
     * {@code [above, below]}, either {@code null} when absent.
     */
    static Double[] bounds(JsonFields check) {
        Double above = check.has("above") ? check.number("above") : null;
        Double below = check.has("below") ? check.number("below") : null;
        if (above == null && below == null) {
            throw new FieldException(check.path("below"), "give above, below or both");
        }
        if (above != null && below != null && !(below > above)) {
            throw new FieldException(check.path("below"), "must be > above (" + Check.show(above) + "), got "
                    + Check.show(below));
        }
        return new Double[] {above, below};
    }

    /** Whether {@code value} lies strictly between the bounds that are given ({@code null}: no bound). */
    static boolean between(double value, Double above, Double below) {
        return (above == null || value > above) && (below == null || value < below);
    }

    /** The bounds in words: {@code > 0.5 and < 2}. */
    static String describeBounds(Double above, Double below) {
        String low = above == null ? "" : "> " + Check.show(above);
        String high = below == null ? "" : "< " + Check.show(below);
        return low.isEmpty() ? high : high.isEmpty() ? low : low + " and " + high;
    }

    /** The final loss of {@code run}: its last point's, {@code +Infinity} once diverged, {@code NaN} if absent. */
    static double finalLoss(Map<String, List<SeriesPoint>> series, String run) {
        List<SeriesPoint> points = series.get(run);
        if (points == null || points.isEmpty()) {
            return Double.NaN;
        }
        if (diverged(points)) {
            return Double.POSITIVE_INFINITY;
        }
        return points.get(points.size() - 1).loss();
    }

    /** Whether any point of the series shows divergence. */
    static boolean diverged(List<SeriesPoint> points) {
        return points.stream().anyMatch(SeriesPoint::nonFinite);
    }

    /** A claim comparing two runs needs both, and two different ones. */
    static void requireTwoRuns(String run, String than) {
        Check.present("run", run);
        Check.present("than", than);
        if (run.equals(than)) {
            throw new FieldException("than", "must name another run than " + Quote.of(run));
        }
    }

    /** The first step at which the loss is below {@code value}, or -1. */
    static int firstStepBelow(List<SeriesPoint> points, double value) {
        for (SeriesPoint p : points) {
            if (!p.nonFinite() && p.loss() < value) {
                return p.step();
            }
        }
        return -1;
    }

    /** {@code final_loss_less}: the final loss of {@code run} is below {@code factor} times that of {@code than}. */
    record FinalLossLess(String run, String than, double factor) implements Claim {
        public FinalLossLess {
            requireTwoRuns(run, than);
            Check.positive("factor", factor);
        }

        @Override
        public String type() {
            return "final_loss_less";
        }

        @Override
        public Set<String> runs() {
            return Set.of(run, than);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            double mine = finalLoss(series, run);
            double theirs = finalLoss(series, than);
            boolean holds = mine < factor * theirs;
            return new Verdict(holds, "final loss of " + run + " = " + mine + (holds ? " < " : " is not < ")
                    + Check.show(factor) + " x final loss of " + than + " = " + theirs);
        }
    }

    /** {@code final_loss_below}: the final loss of {@code run} is below {@code value}. */
    record FinalLossBelow(String run, double value) implements Claim {
        public FinalLossBelow {
            Check.present("run", run);
            Check.finite("value", value);
        }

        @Override
        public String type() {
            return "final_loss_below";
        }

        @Override
        public Set<String> runs() {
            return Set.of(run);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            double mine = finalLoss(series, run);
            boolean holds = mine < value;
            return new Verdict(holds, "final loss of " + run + " = " + mine + (holds ? " < " : " is not < ")
                    + Check.show(value));
        }
    }

    /**
     * {@code reaches_first}: the loss of {@code run} falls below {@code value} at an earlier step than that of
     * {@code than} (or {@code than} never gets there).
     */
    record ReachesFirst(String run, String than, double value) implements Claim {
        public ReachesFirst {
            requireTwoRuns(run, than);
            Check.finite("value", value);
        }

        @Override
        public String type() {
            return "reaches_first";
        }

        @Override
        public Set<String> runs() {
            return Set.of(run, than);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            List<SeriesPoint> mine = series.getOrDefault(run, List.of());
            List<SeriesPoint> theirs = series.getOrDefault(than, List.of());
            int myStep = firstStepBelow(mine, value);
            int theirStep = firstStepBelow(theirs, value);
            boolean holds = !mine.isEmpty() && !theirs.isEmpty() && myStep >= 0 && (theirStep < 0 || myStep < theirStep);
            return new Verdict(holds, run + " first below " + Check.show(value) + " at step " + show(myStep) + ", "
                    + than + " at step " + show(theirStep));
        }

        private static String show(int step) {
            return step < 0 ? "never" : Integer.toString(step);
        }
    }

    /** {@code diverges}: {@code run}'s loss or parameters become non-finite. */
    record Diverges(String run) implements Claim {
        public Diverges {
            Check.present("run", run);
        }

        @Override
        public String type() {
            return "diverges";
        }

        @Override
        public Set<String> runs() {
            return Set.of(run);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            List<SeriesPoint> points = series.get(run);
            boolean holds = points != null && diverged(points);
            return new Verdict(holds, run + (points == null ? " is missing" : holds ? " diverged" : " stayed finite"));
        }
    }

    /** {@code stays_finite}: {@code run} never diverges. */
    record StaysFinite(String run) implements Claim {
        public StaysFinite {
            Check.present("run", run);
        }

        @Override
        public String type() {
            return "stays_finite";
        }

        @Override
        public Set<String> runs() {
            return Set.of(run);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            List<SeriesPoint> points = series.get(run);
            boolean holds = points != null && !points.isEmpty() && !diverged(points);
            return new Verdict(holds, run + (points == null ? " is missing" : holds ? " stayed finite" : " diverged"));
        }
    }

    /** {@code final_param_near}: {@code abs(final params[index] - value) <= tolerance}. */
    record FinalParamNear(String run, int index, double value, double tolerance) implements Claim {
        public FinalParamNear {
            Check.present("run", run);
            Check.intInRange("index", index, 0, Integer.MAX_VALUE);
            Check.finite("value", value);
            Check.nonNegative("tolerance", tolerance);
        }

        @Override
        public String type() {
            return "final_param_near";
        }

        @Override
        public Set<String> runs() {
            return Set.of(run);
        }

        @Override
        public void checkAgainst(Setup setup) {
            int dimension = ((Setup.Race) setup).experiment().problem().dimension();
            if (index >= dimension) {
                throw new FieldException("index", "must be below the problem's dimension " + dimension + ", got "
                        + index);
            }
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            List<SeriesPoint> points = series.get(run);
            if (points == null || points.isEmpty()) {
                return new Verdict(false, run + " is missing");
            }
            double[] params = points.get(points.size() - 1).params();
            if (index >= params.length) {
                return new Verdict(false, run + " has no params[" + index + "]");
            }
            double distance = Math.abs(params[index] - value);
            boolean holds = distance <= tolerance;
            return new Verdict(holds, "final params[" + index + "] of " + run + " = " + params[index] + ", "
                    + distance + (holds ? " <= " : " > ") + Check.show(tolerance) + " from " + Check.show(value));
        }
    }

    /**
     * {@code error_slope}: on log-log axes, the error of the mean of K minibatch gradients falls along a line of
     * slope {@code value} (the least-squares fit over every K), within {@code tolerance}: {@code -0.5} says the
     * error shrinks like {@code 1/sqrt(K)}, as it does for an unbiased estimate.
     */
    record ErrorSlope(double value, double tolerance) implements Claim {
        public ErrorSlope {
            Check.finite("value", value);
            Check.nonNegative("tolerance", tolerance);
        }

        @Override
        public String type() {
            return "error_slope";
        }

        @Override
        public String kind() {
            return Setup.Estimate.KIND;
        }

        @Override
        public Set<String> runs() {
            return Set.of();
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
