package org.optimizerlab.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * A validated experiment: several runs racing on one problem from one start for a number of updates. Read from
 * the JSON spec by {@link SpecReader}; executed by {@link ExperimentRunner}.
 *
 * @param problem   what is minimised
 * @param start     the start point, of the problem's dimension
 * @param steps     how many updates each run makes, {@code >= 1}
 * @param seed      the seed of everything random (data, initialization, batch order)
 * @param batchSize samples per minibatch, {@code 1..n} on problems with a training set of {@code n} samples; 0 on
 *                  problems without data
 * @param runs      the contestants, 1 or more, with distinct ids
 */
public record Experiment(Problem problem, double[] start, int steps, long seed, int batchSize, List<Run> runs) {

    public Experiment {
        Check.present("problem", problem);
        Check.present("start", start);
        if (start.length != problem.dimension()) {
            throw new FieldException("start", "must have " + problem.dimension() + " numbers for problem '"
                    + problem.type() + "', got " + start.length);
        }
        for (int i = 0; i < start.length; i++) {
            Check.finite("start[" + i + "]", start[i]);
        }
        start = start.clone();
        Check.intInRange("steps", steps, 1, Integer.MAX_VALUE);
        int n = problem.trainingSetSize();
        if (n == 0 && batchSize != 0) {
            throw new FieldException("batch_size", "only applies to problems with a training set; '"
                    + problem.type() + "' has none");
        }
        if (n > 0) {
            Check.intInRange("batch_size", batchSize, 1, n);
        }
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new FieldException("runs", "must have at least one run");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            if (!ids.add(runs.get(i).id())) {
                throw new FieldException("runs[" + i + "].id", "duplicate id '" + runs.get(i).id() + "'");
            }
        }
    }

    /** The start point (a copy). */
    @Override
    public double[] start() {
        return start.clone();
    }

    /** How the updates of this experiment are split into epochs and minibatches. */
    public BatchPlan batchPlan() {
        return new BatchPlan(problem.trainingSetSize(), batchSize, seed);
    }
}
