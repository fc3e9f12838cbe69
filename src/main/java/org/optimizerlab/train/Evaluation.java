package org.optimizerlab.train;

import java.util.OptionalDouble;
import org.optimizerlab.validation.Check;

/**
 * How good a parameter vector is on the whole data set: what a lesson plots once per epoch.
 *
 * @param trainLoss          the training objective on the whole training set (data loss plus the L2 penalty, no
 *                           dropout): the same number as {@link org.optimizerlab.problem.Problem#loss}
 * @param trainAccuracy      the fraction of training samples classified right (classifiers only)
 * @param validationLoss     the same objective on the held-out validation samples (when there is a split)
 * @param validationAccuracy the fraction of validation samples classified right (when there is a split)
 */
public record Evaluation(double trainLoss, OptionalDouble trainAccuracy, OptionalDouble validationLoss,
                         OptionalDouble validationAccuracy) {

    public Evaluation {
        Check.present("trainAccuracy", trainAccuracy);
        Check.present("validationLoss", validationLoss);
        Check.present("validationAccuracy", validationAccuracy);
    }

    /** The evaluation of a problem that only has a training loss (a regression without a split). */
    public static Evaluation lossOnly(double trainLoss) {
        return new Evaluation(trainLoss, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }
}
