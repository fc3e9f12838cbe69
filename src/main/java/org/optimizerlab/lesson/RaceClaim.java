package org.optimizerlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * The claims of races on any problem, checked on each run's series of points (its loss, and its parameters):
 * which run ends lower or gets somewhere first, which diverges, where a run ends up, and ({@link RateClaim}) how
 * fast it converges. The claims of races on training problems, about accuracies, are {@link TrainingClaim}.
 *
 * <p>A run's <em>final loss</em> is the loss of its last point, or {@code +Infinity} if the run diverged (a
 * diverged run has lost every comparison). A run missing from the series makes every claim about it fail.
 */
public sealed interface RaceClaim extends Claim permits RaceClaim.FinalLossLess, RaceClaim.FinalLossBelow,
        RaceClaim.ReachesFirst, RaceClaim.Diverges, RaceClaim.StaysFinite, RaceClaim.FinalParamNear, RateClaim {

    /** The claim types, as named in {@code experiment.json}. */
    List<String> TYPES = List.of("final_loss_less", "final_loss_below", "reaches_first", "diverges",
            "stays_finite", "final_param_near", "rate_matches");

    /** Reads a check of one of {@link #TYPES}. */
    static RaceClaim read(String type, JsonFields check) {
        return switch (type) {
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
            default -> throw new IllegalStateException("unreachable: " + type);
        };
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

    /** Whether any point of a run's series shows divergence (a training run's accuracies also end there). */
    static boolean diverged(List<SeriesPoint> points) {
        return points.stream().anyMatch(SeriesPoint::nonFinite);
    }

    /**
     * The verdict of {@link Diverges} ({@code expected} true) or {@link StaysFinite} (false): whether {@code run}
     * diverged is what {@code expected} says. A run with no points fails either claim.
     */
    static Verdict divergence(Map<String, List<SeriesPoint>> series, String run, boolean expected) {
        List<SeriesPoint> points = series.get(run);
        if (points == null || points.isEmpty()) {
            return new Verdict(false, run + " is missing");
        }
        boolean diverged = diverged(points);
        return new Verdict(diverged == expected, run + (diverged ? " diverged" : " stayed finite"));
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
    record FinalLossLess(String run, String than, double factor) implements RaceClaim {
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
    record FinalLossBelow(String run, double value) implements RaceClaim {
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
    record ReachesFirst(String run, String than, double value) implements RaceClaim {
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
    record Diverges(String run) implements RaceClaim {
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
            return divergence(series, run, true);
        }
    }

    /** {@code stays_finite}: {@code run} never diverges. */
    record StaysFinite(String run) implements RaceClaim {
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
            return divergence(series, run, false);
        }
    }

    /** {@code final_param_near}: {@code abs(final params[index] - value) <= tolerance}. */
    record FinalParamNear(String run, int index, double value, double tolerance) implements RaceClaim {
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
}
