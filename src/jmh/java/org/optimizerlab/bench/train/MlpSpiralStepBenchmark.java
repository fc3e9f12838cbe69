package org.optimizerlab.bench.train;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;

/**
 * Full-batch training steps per second of {@code mlp-spiral} (float64, ReLU, reg 1e-3, Adam lr 1e-2, no validation
 * split): {@link #step} is what PyTorch's loop does (forward, backward, {@code Adam.step}); {@link #runnerStep} is
 * the same update through the {@link ExperimentRunner} with everything it records (layer statistics, optimizer
 * state copies, an evaluation per epoch, which is per step at full batch). Compare with
 * {@code bench/mlp_spiral_torch.py}; {@code bench/train_vs_torch.py} runs both side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MlpSpiralStepBenchmark {

    /** Points per class: 100 gives the case study's 300 points, 1000 gives 3000. */
    @Param({"100", "1000"})
    int pointsPerClass;

    /** Hidden units. */
    @Param({"100", "1000"})
    int hidden;

    private SpiralClassifier problem;
    private double[] x;
    private double[] dx;
    private Optimizer adam;
    private final Batch fullBatch = new Batch(0, 0, null);
    private ExperimentRunner runner;

    @Setup
    public void setUp() {
        problem = new SpiralClassifier(new SpiralConfig(3, pointsPerClass, hidden, Activation.RELU, 1e-3, 0,
                new Initialization(WeightInit.SMALL, 0), 0), 1);
        x = problem.defaultStart();
        dx = new double[x.length];
        Adam config = new Adam(1e-2, 0.9, 0.999, 1e-8);
        adam = config.newState(x.length);
        runner = new ExperimentRunner(new Experiment(problem, problem.defaultStart(), Integer.MAX_VALUE, 1,
                problem.trainingSetSize(), List.of(new Run("adam", config, new Constant()))));
    }

    /** One training step: the full-batch loss and gradient, then Adam's update. */
    @Benchmark
    public double step() {
        double loss = problem.gradient(x, fullBatch, dx);
        adam.step(x, dx, 1e-2);
        return loss;
    }

    /** One training step through the experiment runner, with its records. */
    @Benchmark
    public Object runnerStep() {
        return runner.advance();
    }
}
