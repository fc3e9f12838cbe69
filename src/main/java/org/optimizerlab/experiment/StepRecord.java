package org.optimizerlab.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optimizerlab.train.Evaluation;

/**
 * What one run looked like after one update (or at the start, step 0): the numbers a lesson plots and the command
 * line prints. A runner with a lean {@link Recording} leaves out what its client does not use: {@code params},
 * {@code update} and {@code state} are then empty, {@code layers} empty and {@code evaluation} absent.
 *
 * @param run        the run's id
 * @param step       updates made so far (0 = the start point)
 * @param epoch      the 0-based epoch of that update (0 at the start)
 * @param lr         the learning rate of that update (at step 0: of the first update)
 * @param loss       on problems without data the objective at {@code params}; on training problems the batch loss of
 *                   that update (at step 0: the full training loss at the start)
 * @param params     the parameters after the update
 * @param gradNorm   the Euclidean norm of the gradient the update used ({@code NaN} at step 0)
 * @param update     {@code params} minus the parameters before the update (zeros at step 0)
 * @param state      the optimizer's state of interest after the update ({@link org.optimizerlab.optim.Optimizer#state()})
 * @param diverged   whether the loss or a parameter became non-finite at this step; the run stops here
 * @param layers     per parameter block of a training problem: weight, gradient and update norms (empty for
 *                   problems without a layout)
 * @param evaluation on training problems, at step 0 and after the last update of each epoch: the full training
 *                   loss (and accuracy and validation numbers where the problem has them) at {@code params}
 */
public record StepRecord(String run, int step, long epoch, double lr, double loss, double[] params, double gradNorm,
                         double[] update, Map<String, double[]> state, boolean diverged, List<LayerStats> layers,
                         Optional<Evaluation> evaluation) {

    public StepRecord {
        layers = List.copyOf(layers);
    }

    /** A record of a problem without layers or evaluation (the analytic functions). */
    public StepRecord(String run, int step, long epoch, double lr, double loss, double[] params, double gradNorm,
                      double[] update, Map<String, double[]> state, boolean diverged) {
        this(run, step, epoch, lr, loss, params, gradNorm, update, state, diverged, List.of(), Optional.empty());
    }
}
