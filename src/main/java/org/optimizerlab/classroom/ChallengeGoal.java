package org.optimizerlab.classroom;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * What a challenge asks for, scored by the engine on the server. Each goal fixes the experiment's budget
 * ({@link #budgetField()}), so every submission gets the same amount of work.
 */
public sealed interface ChallengeGoal {

    /** The goal types, as written in JSON. */
    List<String> TYPES = List.of(StepsToLoss.TYPE, BestValidationAccuracy.TYPE, LowestValidationLoss.TYPE);

    /** The type's name in JSON. */
    String type();

    /** Which end of the score wins. */
    ScoreOrder order();

    /** The spec field the goal fixes: {@code steps} or {@code epochs}. */
    String budgetField();

    /** The value of {@link #budgetField()}. */
    int budget();

    /** Whether a problem of this kind can be scored on (a training set with a validation split, or none). */
    void requireScorable(Experiment experiment, String path);

    /** Runs {@code experiment} to its end (or as far as the goal needs) and scores it. */
    Score score(Experiment experiment);

    /** The goal as JSON. */
    ObjectNode toJson();

    /**
     * A submission's result: its score if any run reached the goal, the run that scored it, and the best value
     * reached (for a student whose runs all missed the goal).
     *
     * @param score   the score, empty if no run reached the goal
     * @param run     the id of the run that scored (or came closest)
     * @param closest the best loss (steps-to-loss, validation-loss) or accuracy reached by any run
     * @param work    run-steps computed
     */
    record Score(OptionalDouble score, String run, double closest, long work) {
    }

    /** Reads a goal ({@code {"type": ..., ...}}) at {@code goal}'s path. */
    static ChallengeGoal read(JsonFields goal) {
        String type = goal.choice("type", TYPES);
        // the fields are read before `within`, which would put the goal's path before their own a second time
        ChallengeGoal read = switch (type) {
            case StepsToLoss.TYPE -> {
                double threshold = goal.number("threshold");
                int steps = (int) goal.integer("steps", 1, Limits.MAX_STEPS);
                yield goal.within(() -> new StepsToLoss(threshold, steps));
            }
            case BestValidationAccuracy.TYPE -> {
                int epochs = (int) goal.integer("epochs", 1, Limits.MAX_STEPS);
                yield goal.within(() -> new BestValidationAccuracy(epochs));
            }
            default -> {
                int epochs = (int) goal.integer("epochs", 1, Limits.MAX_STEPS);
                yield goal.within(() -> new LowestValidationLoss(epochs));
            }
        };
        goal.rejectUnknown();
        return read;
    }

    /**
     * The goal types that fit {@code experiment}'s problem: {@code steps-to-loss} for a problem without a training
     * set, {@code validation-accuracy} for a classifier with a validation split, {@code validation-loss} for a
     * regression with one; none for a training problem without a split.
     */
    static List<String> fitting(Experiment experiment) {
        if (experiment.problem().trainingSetSize() == 0) {
            return List.of(StepsToLoss.TYPE);
        }
        Optional<Evaluation> first = firstEvaluation(experiment);
        if (first.map(e -> e.validationAccuracy().isPresent()).orElse(false)) {
            return List.of(BestValidationAccuracy.TYPE);
        }
        return first.map(e -> e.validationLoss().isPresent()).orElse(false) ? List.of(LowestValidationLoss.TYPE)
                : List.of();
    }

    /**
     * The best {@code metric} of a rerun of {@code experiment} at any epoch end, in {@code order} (the first run to
     * reach it; runs that diverged do not count), or none when no run produced one; the work is the records made.
     */
    private static Score bestAtEpochEnds(Experiment experiment, Function<Evaluation, OptionalDouble> metric,
                                         ScoreOrder order) {
        boolean higher = order == ScoreOrder.HIGHER_IS_BETTER;
        ExperimentRunner runner = new ExperimentRunner(experiment);
        String bestRun = experiment.runs().get(0).id();
        double none = higher ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double best = none;
        long work = 0;
        while (!runner.finished()) {
            List<StepRecord> records = runner.advance();
            work += records.size();
            for (StepRecord r : records) {
                OptionalDouble value = r.evaluation().map(metric).orElse(OptionalDouble.empty());
                if (!r.diverged() && value.isPresent()
                        && (higher ? value.getAsDouble() > best : value.getAsDouble() < best)) {
                    best = value.getAsDouble();
                    bestRun = r.run();
                }
            }
        }
        return best == none ? new Score(OptionalDouble.empty(), bestRun, Double.NaN, work)
                : new Score(OptionalDouble.of(best), bestRun, best, work);
    }

    /** The evaluation of {@code experiment}'s start (a training problem's), if it has one. */
    private static Optional<Evaluation> firstEvaluation(Experiment experiment) {
        return new ExperimentRunner(experiment).initialRecords().get(0).evaluation();
    }

    /**
     * Fewest updates until the loss is below {@code threshold}, within {@code steps} updates (an analytic problem;
     * lower wins). The score is the first step at which any run's loss is below the threshold.
     */
    record StepsToLoss(double threshold, int steps) implements ChallengeGoal {
        /** The type's name. */
        public static final String TYPE = "steps-to-loss";

        public StepsToLoss {
            Check.positive("threshold", threshold);
            Check.intInRange("steps", steps, 1, Limits.MAX_STEPS);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ScoreOrder order() {
            return ScoreOrder.LOWER_IS_BETTER;
        }

        @Override
        public String budgetField() {
            return "steps";
        }

        @Override
        public int budget() {
            return steps;
        }

        @Override
        public void requireScorable(Experiment experiment, String path) {
            if (experiment.problem().trainingSetSize() > 0) {
                throw new FieldException(path, "'" + TYPE + "' needs a problem without a training set (the loss of "
                        + "a training problem is a minibatch's); '" + experiment.problem().type() + "' has one");
            }
        }

        @Override
        public Score score(Experiment experiment) {
            ExperimentRunner runner = new ExperimentRunner(experiment);
            List<StepRecord> first = runner.initialRecords();
            String closestRun = first.get(0).run();
            double closest = first.get(0).loss();
            long work = 0;
            while (!runner.finished()) {
                List<StepRecord> records = runner.advance();
                work += records.size();
                for (StepRecord r : records) {
                    if (r.loss() < threshold) {
                        return new Score(OptionalDouble.of(r.step()), r.run(), r.loss(), work);
                    }
                    if (r.loss() < closest || Double.isNaN(closest)) {
                        closest = r.loss();
                        closestRun = r.run();
                    }
                }
            }
            return new Score(OptionalDouble.empty(), closestRun, closest, work);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", TYPE);
            node.put("threshold", threshold);
            node.put("steps", steps);
            return node;
        }
    }

    /**
     * The highest validation accuracy reached at the end of any of the first {@code epochs} epochs (a spiral
     * classifier with a validation split; higher wins).
     */
    record BestValidationAccuracy(int epochs) implements ChallengeGoal {
        /** The type's name. */
        public static final String TYPE = "validation-accuracy";

        public BestValidationAccuracy {
            Check.intInRange("epochs", epochs, 1, Limits.MAX_STEPS);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ScoreOrder order() {
            return ScoreOrder.HIGHER_IS_BETTER;
        }

        @Override
        public String budgetField() {
            return "epochs";
        }

        @Override
        public int budget() {
            return epochs;
        }

        @Override
        public void requireScorable(Experiment experiment, String path) {
            if (!fitting(experiment).contains(TYPE)) {
                boolean regression = fitting(experiment).contains(LowestValidationLoss.TYPE);
                throw new FieldException(path, "'" + TYPE + "' needs a classifier with a validation split; '"
                        + experiment.problem().type() + "' has no validation accuracy"
                        + (regression ? " (a regression: use '" + LowestValidationLoss.TYPE + "')" : ""));
            }
        }

        @Override
        public Score score(Experiment experiment) {
            return bestAtEpochEnds(experiment, Evaluation::validationAccuracy, order());
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", TYPE);
            node.put("epochs", epochs);
            return node;
        }
    }

    /**
     * The lowest validation loss (the mean squared error on the held-out rows) reached at the end of any of the
     * first {@code epochs} epochs: a regression table ({@code csv}, {@code task: regression}) with a validation
     * split; lower wins. A classifier is scored by its accuracy ({@code validation-accuracy}) instead.
     */
    record LowestValidationLoss(int epochs) implements ChallengeGoal {
        /** The type's name. */
        public static final String TYPE = "validation-loss";

        public LowestValidationLoss {
            Check.intInRange("epochs", epochs, 1, Limits.MAX_STEPS);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ScoreOrder order() {
            return ScoreOrder.LOWER_IS_BETTER;
        }

        @Override
        public String budgetField() {
            return "epochs";
        }

        @Override
        public int budget() {
            return epochs;
        }

        @Override
        public void requireScorable(Experiment experiment, String path) {
            List<String> fitting = fitting(experiment);
            if (!fitting.contains(TYPE)) {
                String problem = "'" + experiment.problem().type() + "'";
                throw new FieldException(path, "'" + TYPE + "' needs a regression table with a validation split; "
                        + (fitting.contains(BestValidationAccuracy.TYPE)
                        ? problem + " is a classifier: use '" + BestValidationAccuracy.TYPE + "'"
                        : problem + " has no validation loss"));
            }
        }

        @Override
        public Score score(Experiment experiment) {
            return bestAtEpochEnds(experiment, Evaluation::validationLoss, order());
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", TYPE);
            node.put("epochs", epochs);
            return node;
        }
    }
}
