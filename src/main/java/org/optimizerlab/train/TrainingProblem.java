package org.optimizerlab.train;

import java.util.List;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Problem;

/**
 * A {@link Problem} with a generated training set: minibatch SGD runs on it through the notes' epoch loop.
 *
 * <p>The parameters are one flat vector (so every optimizer works unchanged); {@link #layout()} says which slice
 * is which weight matrix or bias, for per-layer statistics. {@link #defaultStart()} is the seeded initialization.
 * Implementations are immutable in what they compute and safe to use from several threads at once.
 */
public interface TrainingProblem extends Problem {

    /** The training-set size {@code n}, {@code >= 1}. */
    @Override
    int trainingSetSize();

    /** The named blocks of the parameter vector, in order, covering it exactly. */
    List<ParameterBlock> layout();

    /** The full training loss (and accuracy and validation numbers where the problem has them) at {@code x}. */
    Evaluation evaluate(double[] x);

    /**
     * {@link #gradient} and {@link #evaluate} at the same {@code x}, with exactly their numbers: writes the gradient
     * of {@code batch} into {@code dx} and returns its batch loss with the evaluation. A problem may do both in one
     * pass over the data when {@code batch} is the whole training set (the forward pass of the gradient is the
     * evaluation's); by default it calls one after the other.
     */
    default GradientAndEvaluation gradientAndEvaluate(double[] x, Batch batch, double[] dx) {
        double loss = gradient(x, batch, dx);
        return new GradientAndEvaluation(loss, evaluate(x));
    }

    /**
     * What {@link #gradientAndEvaluate} returns.
     *
     * @param batchLoss  what {@link #gradient} returns
     * @param evaluation what {@link #evaluate} returns
     */
    record GradientAndEvaluation(double batchLoss, Evaluation evaluation) {
    }
}
