package org.optimizerlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.TrainingProblem;

/**
 * Executes an {@link Experiment}: all runs advance in lockstep, one update at a time, on the same batches.
 *
 * <p>Pause, step, resume and reset are only a matter of how often {@link #advance()} is called (reset: make a new
 * runner). A run whose loss or parameters become non-finite is reported once with {@code diverged = true} and then
 * stops; the others go on. The runner is not thread-safe: one thread drives it.
 *
 * <p>On a {@link TrainingProblem} every record also carries per-block statistics ({@link LayerStats}), and the
 * records of step 0 and of the last update of each epoch carry an {@link Evaluation} (full training loss, accuracy,
 * validation) of the parameters after that update.
 */
public final class ExperimentRunner {

    private final Experiment experiment;
    private final Problem problem;
    /** The problem as a training problem, or null for problems without a training set. */
    private final TrainingProblem training;
    private final BatchPlan batches;
    private final List<RunState> runs = new ArrayList<>();
    private final double startLoss;
    private int step;

    /** A runner at step 0, every run at the experiment's start with fresh optimizer state. */
    public ExperimentRunner(Experiment experiment) {
        this.experiment = experiment;
        this.problem = experiment.problem();
        this.training = problem instanceof TrainingProblem t ? t : null;
        this.batches = experiment.batchPlan();
        this.startLoss = problem.loss(experiment.start());
        for (Run run : experiment.runs()) {
            RunState state = new RunState(run, experiment.start(), run.optimizer().newState(problem.dimension()));
            state.diverged = !Double.isFinite(startLoss);         // a start whose loss overflows never moves
            runs.add(state);
        }
    }

    /** The experiment being run. */
    public Experiment experiment() {
        return experiment;
    }

    /** Updates made so far. */
    public int step() {
        return step;
    }

    /** Whether every run has made all its updates or diverged. */
    public boolean finished() {
        return step >= experiment.steps() || runs.stream().allMatch(r -> r.diverged);
    }

    /** The records of step 0: every run at the start point. */
    public List<StepRecord> initialRecords() {
        double[] start = experiment.start();
        List<LayerStats> layers = training == null ? List.of() : LayerStats.atStart(training.layout(), start);
        Optional<Evaluation> evaluation = training == null ? Optional.empty() : Optional.of(training.evaluate(start));
        List<StepRecord> records = new ArrayList<>();
        for (RunState r : runs) {
            records.add(new StepRecord(r.run.id(), 0, 0, r.run.lrAt(0, 0), startLoss, start.clone(),
                    Double.NaN, new double[problem.dimension()], r.optimizer.state(), !Double.isFinite(startLoss),
                    layers, evaluation));
        }
        return records;
    }

    /**
     * Makes one update in every run that has not diverged and returns their records (none once finished).
     * Every run uses the same batch.
     */
    public List<StepRecord> advance() {
        if (finished()) {
            return List.of();
        }
        Batch batch = batches.batch(step);
        step++;
        List<StepRecord> records = new ArrayList<>(runs.size());
        for (RunState r : runs) {
            if (!r.diverged) {
                records.add(r.advance(batch, step));
            }
        }
        return records;
    }

    /** The current parameters of run {@code index} (a copy). */
    public double[] params(int index) {
        return runs.get(index).x.clone();
    }

    /** One run's parameters, optimizer state and gradient buffer. */
    private final class RunState {
        final Run run;
        final double[] x;
        final double[] dx;
        final Optimizer optimizer;
        boolean diverged;

        RunState(Run run, double[] start, Optimizer optimizer) {
            this.run = run;
            this.x = start;
            this.dx = new double[start.length];
            this.optimizer = optimizer;
        }

        StepRecord advance(Batch batch, int stepNumber) {
            double lr = run.lrAt(batch.update(), batch.epoch());
            double[] before = x.clone();
            double batchLoss = problem.gradient(x, batch, dx);
            double gradNorm = norm(dx);
            optimizer.step(x, dx, lr);
            problem.project(x);
            double loss = problem.trainingSetSize() == 0 ? problem.loss(x) : batchLoss;
            double[] update = new double[x.length];
            boolean finite = Double.isFinite(loss);
            for (int i = 0; i < x.length; i++) {
                update[i] = x[i] - before[i];
                finite &= Double.isFinite(x[i]);
            }
            diverged = !finite;
            List<LayerStats> layers = training == null ? List.of()
                    : LayerStats.of(training.layout(), before, dx, update);
            Optional<Evaluation> evaluation = training != null && batches.endsEpoch(batch.update())
                    ? Optional.of(training.evaluate(x)) : Optional.empty();
            return new StepRecord(run.id(), stepNumber, batch.epoch(), lr, loss, x.clone(), gradNorm, update,
                    optimizer.state(), diverged, layers, evaluation);
        }
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double value : v) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
