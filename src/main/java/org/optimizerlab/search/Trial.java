package org.optimizerlab.search;

import java.util.Comparator;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.validation.Check;

/**
 * One finished trial of a search: its hyperparameters and how the trained network did at the end.
 *
 * @param index      0-based over both rounds, in the order the trials were drawn
 * @param round      1, or 2 for the coarse-to-fine round
 * @param lr         its learning rate
 * @param reg        its L2 strength
 * @param dropout    its dropout probability
 * @param evaluation the network's numbers after the last epoch (after the last finished epoch if it diverged)
 * @param diverged   whether its loss or weights became non-finite
 * @param metric     what ranks the trials of its search
 */
public record Trial(int index, int round, double lr, double reg, double dropout, Evaluation evaluation,
                    boolean diverged, SearchMetric metric) {

    /**
     * Best first: finite trials before diverged ones, then by the search's metric (higher validation accuracy, then
     * lower validation loss; or lower validation loss alone), then the earlier trial. A total order, so the best is
     * the same however the trials were scheduled.
     */
    public static final Comparator<Trial> BEST_FIRST = Comparator.comparing(Trial::diverged)
            .thenComparingDouble(Trial::rankingKey)
            .thenComparingDouble(Trial::validationLoss)
            .thenComparingInt(Trial::index);

    public Trial {
        Check.present("evaluation", evaluation);
        Check.present("metric", metric);
    }

    /** The metric made "lower is better": minus the validation accuracy, or the validation loss. */
    private double rankingKey() {
        return metric.higherIsBetter() ? -validationAccuracy() : validationLoss();
    }

    /** The validation accuracy at the end ({@code NaN} if unknown). */
    public double validationAccuracy() {
        return evaluation.validationAccuracy().orElse(Double.NaN);
    }

    /** The validation loss at the end ({@code NaN} if unknown). */
    public double validationLoss() {
        return evaluation.validationLoss().orElse(Double.NaN);
    }
}
