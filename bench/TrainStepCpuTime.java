import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;

/**
 * The same step as MlpSpiralStepBenchmark.step, timed in the thread's CPU time rather than wall-clock time, for a
 * shared machine where other jobs take the processor away: best of 5 one-CPU-second rounds after 3 of warm-up.
 * A single-file program: java -cp target/classes bench/TrainStepCpuTime.java POINTS_PER_CLASS HIDDEN
 */
public class TrainStepCpuTime {
    public static void main(String[] args) {
        int pointsPerClass = Integer.parseInt(args[0]);
        int hidden = Integer.parseInt(args[1]);
        SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(3, pointsPerClass, hidden,
                Activation.RELU, 1e-3, 0, new Initialization(WeightInit.SMALL, 0), 0), 1);
        double[] x = problem.defaultStart();
        double[] dx = new double[x.length];
        Optimizer adam = new Adam(1e-2, 0.9, 0.999, 1e-8).newState(x.length);
        Batch fullBatch = new Batch(0, 0, null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int round = 0; round < 8; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long steps = 0;
            while (threads.getCurrentThreadCpuTime() - start < 1_000_000_000L) {
                problem.gradient(x, fullBatch, dx);
                adam.step(x, dx, 1e-2);
                steps++;
            }
            double rate = steps / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
            best = round < 3 ? 0 : Math.max(best, rate);
        }
        System.out.printf("{\"points\": %d, \"hidden\": %d, \"cpu_steps_per_second\": %.1f}%n", 3 * pointsPerClass,
                hidden, best);
    }
}
