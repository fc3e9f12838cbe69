package org.optimizerlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.train.TrainingProblem.GradientAndEvaluation;

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
 *
 * <p>A {@link Recording} says what the records carry: all of it by default; a client that sends or prints less
 * asks for less, and the runner then computes neither the copies, the statistics nor the evaluations of steps
 * it does not keep. An evaluation is made together with the next update's gradient
 * ({@link TrainingProblem#gradientAndEvaluate}: one pass over the data at full batch), which that update then uses.
 * The hot path reuses its buffers: a step that is not kept allocates only its small record.
 */
public final class ExperimentRunner implements RaceSteps {

    private final Experiment experiment;
    private final Problem problem;
    /** The problem as a training problem, or null for problems without a training set. */
    private final TrainingProblem training;
    private final BatchPlan batches;
    private final Recording recording;
    private final List<RunState> runs = new ArrayList<>();
    /** The last batch made (the next update's, when a run computed its gradient early), or null. */
    private Batch madeBatch;
    private final double startLoss;
    private int step;

    /** A runner at step 0 that records everything ({@link Recording#FULL}). */
    public ExperimentRunner(Experiment experiment) {
        this(experiment, Recording.FULL);
    }

    /** A runner at step 0, every run at the start with fresh optimizer state, recording {@code recording}. */
    public ExperimentRunner(Experiment experiment, Recording recording) {
        this.experiment = experiment;
        this.recording = recording;
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
    @Override
    public Experiment experiment() {
        return experiment;
    }

    /** Updates made so far. */
    @Override
    public int step() {
        return step;
    }

    /** Whether every run has made all its updates or diverged. */
    @Override
    public boolean finished() {
        return step >= experiment.steps() || runs.stream().allMatch(r -> r.diverged);
    }

    /** The records of step 0: every run at the start point. */
    @Override
    public List<StepRecord> initialRecords() {
        double[] start = experiment.start();
        List<LayerStats> layers = training == null || !recording.layers() ? List.of()
                : LayerStats.atStart(training.layout(), start);
        Optional<Evaluation> evaluation = training == null ? Optional.empty() : Optional.of(training.evaluate(start));
        List<StepRecord> records = new ArrayList<>();
        for (RunState r : runs) {
            boolean diverged = !Double.isFinite(startLoss);
            boolean vectors = recording.vectors() || diverged;
            records.add(new StepRecord(r.run.id(), 0, 0, r.run.lrAt(0, 0), startLoss, vectors ? start.clone() : NONE,
                    Double.NaN, vectors ? new double[problem.dimension()] : NONE,
                    vectors ? r.optimizer.state() : Map.of(), diverged, layers, evaluation));
        }
        return records;
    }

    /**
     * Makes one update in every run that has not diverged and returns their records (none once finished).
     * Every run uses the same batch.
     */
    @Override
    public List<StepRecord> advance() {
        if (finished()) {
            return List.of();
        }
        Batch batch = batch(step);
        step++;
        List<StepRecord> records = new ArrayList<>(runs.size());
        for (RunState r : runs) {
            if (!r.diverged) {
                records.add(r.advance(batch, step));
            }
        }
        return records;
    }

    /** The batch of update {@code update}, made once for all runs (and for a gradient computed early). */
    private Batch batch(long update) {
        if (madeBatch == null || madeBatch.update() != update) {
            madeBatch = batches.batch(update);
        }
        return madeBatch;
    }

    /** The current parameters of run {@code index} (a copy). */
    @Override
    public double[] params(int index) {
        return runs.get(index).x.clone();
    }

    /** One run's parameters, optimizer state and buffers. */
    private final class RunState {
        final Run run;
        final double[] x;
        final double[] dx;
        final double[] before;
        final double[] update;
        final Optimizer optimizer;
        boolean diverged;
        /** The update whose gradient is already in {@link #dx} (computed with the last evaluation), or -1. */
        long preparedUpdate = -1;
        double preparedLoss;

        RunState(Run run, double[] start, Optimizer optimizer) {
            this.run = run;
            this.x = start;
            this.dx = new double[start.length];
            this.before = new double[start.length];
            this.update = new double[start.length];
            this.optimizer = optimizer;
        }

        StepRecord advance(Batch batch, int stepNumber) {
            double lr = run.lrAt(batch.update(), batch.epoch());
            double batchLoss = preparedUpdate == batch.update() ? preparedLoss : problem.gradient(x, batch, dx);
            preparedUpdate = -1;
            double gradNorm = norm(dx);
            System.arraycopy(x, 0, before, 0, x.length);
            optimizer.step(x, dx, lr);
            problem.project(x);
            double loss = problem.trainingSetSize() == 0 ? problem.loss(x) : batchLoss;
            boolean finite = Double.isFinite(loss);
            for (int i = 0; i < x.length; i++) {
                update[i] = x[i] - before[i];
                finite &= Double.isFinite(x[i]);
            }
            diverged = !finite;
            if (!recording.keeps(stepNumber, experiment.steps(), diverged)) {
                return new StepRecord(run.id(), stepNumber, batch.epoch(), lr, loss, NONE, gradNorm, NONE, Map.of(),
                        diverged, List.of(), Optional.empty());
            }
            List<LayerStats> layers = training == null || !recording.layers() ? List.of()
                    : LayerStats.of(training.layout(), before, dx, update);
            boolean vectors = recording.vectors() || diverged;
            double[] params = vectors ? x.clone() : NONE;
            double[] change = vectors ? update.clone() : NONE;
            Map<String, double[]> state = vectors ? optimizer.state() : Map.of();
            Optional<Evaluation> evaluation = training != null && batches.endsEpoch(batch.update())
                    ? Optional.of(evaluate(stepNumber)) : Optional.empty();
            return new StepRecord(run.id(), stepNumber, batch.epoch(), lr, loss, params, gradNorm, change, state,
                    diverged, layers, evaluation);
        }

        /**
         * The evaluation of the parameters after update {@code stepNumber}; when another update follows, made with
         * that update's gradient, which is kept for it (after the record's own use of {@link #dx}).
         */
        Evaluation evaluate(int stepNumber) {
            if (diverged || stepNumber >= experiment.steps()) {
                return training.evaluate(x);
            }
            Batch next = batch(stepNumber);
            GradientAndEvaluation both = training.gradientAndEvaluate(x, next, dx);
            preparedUpdate = next.update();
            preparedLoss = both.batchLoss();
            return both.evaluation();
        }
    }

    /** The empty vector of records that leave their vectors out. */
    private static final double[] NONE = new double[0];

    private static double norm(double[] v) {
        double sum = 0;
        for (double value : v) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
