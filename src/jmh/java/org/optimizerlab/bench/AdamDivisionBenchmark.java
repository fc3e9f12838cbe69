package org.optimizerlab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.optimizerlab.optim.AdaGrad;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.Momentum;
import org.optimizerlab.optim.Optimizer;

/**
 * Why Adam's step costs more than its memory-bandwidth limit: the notes' form divides every element three times
 * ({@code v / (1 - mu ** t)}, {@code cache / (1 - decay_rate ** t)}, {@code lr / (sqrt(cachet) + eps)}) and takes a
 * square root. {@code n = 4096} keeps every array in cache, so the loop's arithmetic alone is timed;
 * {@code n = 1000000} is the size of {@link OptimizerStepBenchmark}.
 *
 * <p>{@link #adamReciprocals()} is the same update with the two bias corrections applied as multiplications by their
 * inverses (one division per element). It is not what the engine does: it changes the rounding, so the engine
 * would no longer agree bit for bit with the numpy transcription of the notes (see docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AdamDivisionBenchmark {

    @Param({"4096", "1000000"})
    int n;

    final double mu = Momentum.DEFAULT_MU;
    final double decay_rate = Adam.DEFAULT_DECAY_RATE;
    final double eps = AdaGrad.DEFAULT_EPS;
    final double lr = 1e-3;

    double[] x;
    double[] dx;
    double[] v;
    double[] cache;
    int t;
    Optimizer adam;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        x = random.doubles(n, -1, 1).toArray();
        dx = random.doubles(n, 0.1, 1).toArray();
        v = new double[n];
        cache = new double[n];
        adam = new Adam(lr, mu, decay_rate, eps).newState(n);
    }

    /** The engine's Adam. */
    @Benchmark
    public double[] adam() {
        adam.step(x, dx, lr);
        return x;
    }

    /** Adam with the bias corrections as multiplications. */
    @Benchmark
    public double[] adamReciprocals() {
        t++;
        double vScale = 1 / (1 - Math.pow(mu, t));
        double cacheScale = 1 / (1 - Math.pow(decay_rate, t));
        double[] x = this.x;
        double[] dx = this.dx;
        double[] v = this.v;
        double[] cache = this.cache;
        for (int i = 0; i < x.length; i++) {
            v[i] = mu * v[i] + (1 - mu) * dx[i];
            double vt = v[i] * vScale;
            cache[i] = decay_rate * cache[i] + (1 - decay_rate) * (dx[i] * dx[i]);
            double cachet = cache[i] * cacheScale;
            x[i] += -(lr / (Math.sqrt(cachet) + eps)) * vt;
        }
        return x;
    }

    /** Reads x, dx, v, cache and writes x, v, cache, as Adam does, with almost no arithmetic. */
    @Benchmark
    public double[] limit_r4_w3() {
        double[] x = this.x;
        double[] dx = this.dx;
        double[] a = this.v;
        double[] b = this.cache;
        for (int i = 0; i < x.length; i++) {
            a[i] = 0.5 * a[i] + dx[i];
            b[i] = 0.5 * b[i] + dx[i];
            x[i] += lr * (a[i] + b[i]);
        }
        return x;
    }
}
