import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.DecisionGrid;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;

/**
 * The cost of one decision-regions grid (DecisionGrid.of: the network's forward pass at every cell, as the server
 * computes it for a 'regions' message) against one full-batch training step (gradient + Adam, as
 * TrainStepCpuTime), both in the thread's CPU time: best of 5 one-CPU-second rounds after 3 of warm-up.
 * A single-file program: java -cp target/classes bench/DecisionGridCpuTime.java POINTS_PER_CLASS HIDDEN
 */
public class DecisionGridCpuTime {
    public static void main(String[] args) {
        int pointsPerClass = Integer.parseInt(args[0]);
        int hidden = Integer.parseInt(args[1]);
        SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(3, pointsPerClass, hidden,
                Activation.RELU, 1e-3, 0, new Initialization(WeightInit.SMALL, 0), 0), 1);
        double[] x = problem.defaultStart();
        double[] dx = new double[x.length];
        Optimizer adam = new Adam(1e-2, 0.9, 0.999, 1e-8).newState(x.length);
        Batch fullBatch = new Batch(0, 0, null);
        double stepMicros = bestMicros(() -> {
            problem.gradient(x, fullBatch, dx);
            adam.step(x, dx, 1e-2);
        });
        int[] sink = new int[1];
        double gridMicros = bestMicros(() -> sink[0] += DecisionGrid.of(problem, x).classes()[0]);
        System.out.printf("{\"points\": %d, \"hidden\": %d, \"grid_size\": %d, \"grid_us\": %.1f, \"step_us\": %.1f,"
                + " \"grid_per_step\": %.2f}%n", 3 * pointsPerClass, hidden, DecisionGrid.sizeFor(problem.dimension()),
                gridMicros, stepMicros, gridMicros / stepMicros);
    }

    private static double bestMicros(Runnable work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 8; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long count = 0;
            while (threads.getCurrentThreadCpuTime() - start < 1_000_000_000L) {
                work.run();
                count++;
            }
            double micros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / count;
            if (round >= 3) {
                best = Math.min(best, micros);
            }
        }
        return best;
    }
}
