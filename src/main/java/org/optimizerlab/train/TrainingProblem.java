package org.optimizerlab.train;

import java.util.List;
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
}
