package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.ParameterBlock;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * The claims of races on training problems, checked on the accuracy chart (one point per epoch end) and the
 * update-ratio chart (one point per update) of the page: {@link Claim#accuracySeries}, {@link Claim#ratioSeries}.
 * A run's <em>final accuracy</em> is the last plotted one; once a run diverged its accuracy is not a number and
 * every claim about it fails.
 */
public sealed interface TrainingClaim extends Claim {

    /** The claim types, as named in {@code experiment.json}. */
    List<String> TYPES = List.of("final_accuracy_above", "final_accuracy_below", "final_accuracy_greater",
            "accuracy_gap", "update_ratio");

    /** The run the claim is about. */
    String run();

    @Override
    default Set<String> runs() {
        return Set.of(run());
    }

    /** Which accuracy: on the training set or on the held-out validation points. */
    enum Split {
        TRAIN("train"), VALIDATION("validation");

        /** The names in {@code experiment.json}. */
        static final List<String> NAMES = List.of("train", "validation");

        private final String specName;

        Split(String specName) {
            this.specName = specName;
        }

        /** The name in {@code experiment.json} and in series names. */
        public String specName() {
            return specName;
        }

        static Split of(String name) {
            return name.equals("train") ? TRAIN : VALIDATION;
        }
    }

    /** Reads a check of one of {@link #TYPES}. */
    static TrainingClaim read(String type, JsonFields check) {
        String run = check.text("run");
        return switch (type) {
            case "final_accuracy_above", "final_accuracy_below" -> {
                double value = check.number("value");
                Split split = split(check);
                yield check.within(() -> type.equals("final_accuracy_above") ? new FinalAccuracyAbove(run, value, split)
                        : new FinalAccuracyBelow(run, value, split));
            }
            case "final_accuracy_greater" -> {
                String than = check.text("than");
                Split split = split(check);
                double margin = check.number("margin", 0);
                yield check.within(() -> new FinalAccuracyGreater(run, than, split, margin));
            }
            case "accuracy_gap" -> {
                ClaimBounds bounds = ClaimBounds.read(check);
                yield check.within(() -> new AccuracyGap(run, bounds.above(), bounds.below()));
            }
            case "update_ratio" -> {
                String layer = check.text("layer");
                ClaimBounds bounds = ClaimBounds.read(check);
                yield check.within(() -> new UpdateRatio(run, layer, bounds.above(), bounds.below()));
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    private static Split split(JsonFields check) {
        return Split.of(check.choice("split", Split.NAMES, "validation"));
    }

    /** The last plotted accuracy of {@code run} on {@code split}; {@code NaN} when missing or not finite. */
    static double finalAccuracy(Map<String, List<SeriesPoint>> series, String run, Split split) {
        List<SeriesPoint> points = series.get(Claim.accuracySeries(run, split.specName()));
        if (points == null || points.isEmpty() || RaceClaim.diverged(series.getOrDefault(run, List.of()))) {
            return Double.NaN;
        }
        double last = points.get(points.size() - 1).loss();
        return Double.isFinite(last) ? last : Double.NaN;
    }

    /** The race's problem must be a classifier, with validation points when {@code split} is validation. */
    static void requireAccuracy(Setup setup, Split split) {
        Problem problem = ((Setup.Race) setup).experiment().problem();
        SpiralConfig classifier = problem instanceof SpiralClassifier spiral ? spiral.config()
                : problem instanceof CsvClassifier table ? table.config() : null;
        if (classifier == null) {
            throw new FieldException("type", "needs a problem with accuracies (softmax-spiral, mlp-spiral, csv with "
                    + "task classification); '" + problem.type() + "' has none");
        }
        if (split == Split.VALIDATION && !(classifier.validation() > 0)) {
            throw new FieldException("split", "the problem holds out no validation points (validation: 0); use "
                    + "split: train or a validation fraction");
        }
    }

    /** Whether the final accuracy of {@code run} is above (or below) {@code value}, and the numbers. */
    static Verdict threshold(Map<String, List<SeriesPoint>> series, String run, Split split, double value,
                             boolean above) {
        double accuracy = finalAccuracy(series, run, split);
        boolean holds = above ? accuracy > value : accuracy < value;
        String relation = above ? ">" : "<";
        return new Verdict(holds, "final " + split.specName() + " accuracy of " + run + " = " + accuracy
                + (holds ? " " + relation + " " : " is not " + relation + " ") + Check.show(value));
    }

    /** {@code final_accuracy_above}: the final accuracy of {@code run} is above {@code value}. */
    record FinalAccuracyAbove(String run, double value, Split split) implements TrainingClaim {
        public FinalAccuracyAbove {
            Check.present("run", run);
            Check.finite("value", value);
        }

        @Override
        public String type() {
            return "final_accuracy_above";
        }

        @Override
        public void checkAgainst(Setup setup) {
            requireAccuracy(setup, split);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            return threshold(series, run, split, value, true);
        }
    }

    /** {@code final_accuracy_below}: the final accuracy of {@code run} is below {@code value}. */
    record FinalAccuracyBelow(String run, double value, Split split) implements TrainingClaim {
        public FinalAccuracyBelow {
            Check.present("run", run);
            Check.finite("value", value);
        }

        @Override
        public String type() {
            return "final_accuracy_below";
        }

        @Override
        public void checkAgainst(Setup setup) {
            requireAccuracy(setup, split);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            return threshold(series, run, split, value, false);
        }
    }

    /** {@code final_accuracy_greater}: at the end, {@code run} is more accurate than {@code than} by over {@code margin}. */
    record FinalAccuracyGreater(String run, String than, Split split, double margin) implements TrainingClaim {
        public FinalAccuracyGreater {
            RaceClaim.requireTwoRuns(run, than);
            Check.nonNegative("margin", margin);
        }

        @Override
        public String type() {
            return "final_accuracy_greater";
        }

        @Override
        public Set<String> runs() {
            return Set.of(run, than);
        }

        @Override
        public void checkAgainst(Setup setup) {
            requireAccuracy(setup, split);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            double mine = finalAccuracy(series, run, split);
            double theirs = finalAccuracy(series, than, split);
            boolean holds = mine > theirs + margin;
            return new Verdict(holds, "final " + split.specName() + " accuracy of " + run + " = " + mine
                    + (holds ? " > " : " is not > ") + "that of " + than + " = " + theirs
                    + (margin > 0 ? " + " + Check.show(margin) : ""));
        }
    }

    /** {@code accuracy_gap}: the final train accuracy minus the final validation accuracy is within the bounds. */
    record AccuracyGap(String run, Double above, Double below) implements TrainingClaim {
        public AccuracyGap {
            Check.present("run", run);
        }

        @Override
        public String type() {
            return "accuracy_gap";
        }

        @Override
        public void checkAgainst(Setup setup) {
            requireAccuracy(setup, Split.VALIDATION);
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            double train = finalAccuracy(series, run, Split.TRAIN);
            double validation = finalAccuracy(series, run, Split.VALIDATION);
            double gap = train - validation;
            ClaimBounds bounds = new ClaimBounds(above, below);
            boolean holds = bounds.contains(gap);
            return new Verdict(holds, "final train accuracy of " + run + " = " + train + " minus validation accuracy = "
                    + validation + " is " + gap + (holds ? ", " : ", not ") + bounds.describe());
        }
    }

    /**
     * {@code update_ratio}: the median update-to-weight ratio of block {@code layer} over the run's second half
     * (the plotted steps after half its last step) is within the bounds; the rule of thumb wants about {@code 1e-3}.
     */
    record UpdateRatio(String run, String layer, Double above, Double below) implements TrainingClaim {
        public UpdateRatio {
            Check.present("run", run);
            Check.present("layer", layer);
            if (above != null) {
                Check.positive("above", above);
            }
            if (below != null) {
                Check.positive("below", below);
            }
        }

        @Override
        public String type() {
            return "update_ratio";
        }

        @Override
        public void checkAgainst(Setup setup) {
            Experiment experiment = ((Setup.Race) setup).experiment();
            if (!(experiment.problem() instanceof TrainingProblem training)) {
                throw new FieldException("type", "needs a training problem; '" + experiment.problem().type()
                        + "' has no layers");
            }
            List<String> weights = training.layout().stream().filter(ParameterBlock::weight).map(ParameterBlock::name)
                    .toList();
            if (!weights.contains(layer)) {
                throw new FieldException("layer", "must be a weight block of the problem (" + String.join(", ", weights)
                        + "), got " + Quote.of(layer));
            }
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            List<SeriesPoint> points = series.getOrDefault(Claim.ratioSeries(run, layer), List.of());
            double median = median(points);
            ClaimBounds bounds = new ClaimBounds(above, below);
            boolean holds = bounds.contains(median);
            return new Verdict(holds, "median update/weight ratio of " + layer + " in the second half of " + run
                    + " = " + median + (holds ? ", " : ", not ") + bounds.describe());
        }

        /** The median of the finite values after half the last step; {@code NaN} when there are none. */
        static double median(List<SeriesPoint> points) {
            if (points.isEmpty()) {
                return Double.NaN;
            }
            int half = points.get(points.size() - 1).step() / 2;
            List<Double> values = new ArrayList<>();
            for (SeriesPoint p : points) {
                if (p.step() > half && Double.isFinite(p.loss())) {
                    values.add(p.loss());
                }
            }
            if (values.isEmpty()) {
                return Double.NaN;
            }
            values.sort(Double::compare);
            int n = values.size();
            return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        }
    }
}
