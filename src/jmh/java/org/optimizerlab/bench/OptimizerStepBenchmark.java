package org.optimizerlab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.optimizerlab.optim.AdaGrad;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.AmsGrad;
import org.optimizerlab.optim.Momentum;
import org.optimizerlab.optim.Nesterov;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.optim.OptimizerConfig;
import org.optimizerlab.optim.RmsProp;
import org.optimizerlab.optim.Sgd;

/**
 * One optimizer step on a vector of 1,000,000 doubles, for each optimizer with a constant learning rate, beside the
 * memory-bandwidth limit: a plain loop that reads and writes as many arrays of that size as the optimizer does.
 *
 * <pre>
 * limit_r2_w1  reads x, dx;             writes x              (SGD)
 * limit_r3_w2  reads x, dx, a;          writes x, a           (momentum, Nesterov: v; AdaGrad, RMSProp: cache)
 * limit_r4_w3  reads x, dx, a, b;       writes x, a, b        (Adam, AMSGrad notes: v, cache)
 * limit_r5_w4  reads x, dx, a, b, c;    writes x, a, b, c     (AMSGrad paper: v, cache, cache_max)
 * </pre>
 *
 * Each array is 8 MB, so a step streams 24 to 72 MB through memory, far more than any cache holds. See
 * docs/benchmarks.md for the commands and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OptimizerStepBenchmark {

    static final int N = 1_000_000;
    static final double LR = 1e-3;

    double[] x;
    double[] dx;
    double[] a;
    double[] b;
    double[] c;

    Optimizer sgd;
    Optimizer momentum;
    Optimizer nesterov;
    Optimizer adagrad;
    Optimizer rmsprop;
    Optimizer adam;
    Optimizer amsgradPaper;
    Optimizer amsgradNotes;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        x = random.doubles(N, -1, 1).toArray();
        dx = random.doubles(N, 0.1, 1).map(v -> random.nextBoolean() ? v : -v).toArray();
        a = new double[N];
        b = new double[N];
        c = new double[N];
        sgd = state(new Sgd(LR));
        momentum = state(new Momentum(LR, Momentum.DEFAULT_MU));
        nesterov = state(new Nesterov(LR, Momentum.DEFAULT_MU));
        adagrad = state(new AdaGrad(LR, AdaGrad.DEFAULT_EPS));
        rmsprop = state(new RmsProp(LR, RmsProp.DEFAULT_DECAY_RATE, AdaGrad.DEFAULT_EPS));
        adam = state(new Adam(LR, Momentum.DEFAULT_MU, Adam.DEFAULT_DECAY_RATE, AdaGrad.DEFAULT_EPS));
        amsgradPaper = state(new AmsGrad(LR, Momentum.DEFAULT_MU, Adam.DEFAULT_DECAY_RATE, AdaGrad.DEFAULT_EPS,
                AmsGrad.Variant.PAPER));
        amsgradNotes = state(new AmsGrad(LR, Momentum.DEFAULT_MU, Adam.DEFAULT_DECAY_RATE, AdaGrad.DEFAULT_EPS,
                AmsGrad.Variant.NOTES));
    }

    /** A fresh state for this fork only: each benchmark runs in its own fork and touches only its own arrays. */
    private static Optimizer state(OptimizerConfig config) {
        return config.newState(N);
    }

    @Benchmark
    public double[] sgd() {
        sgd.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] momentum() {
        momentum.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] nesterov() {
        nesterov.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] adagrad() {
        adagrad.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] rmsprop() {
        rmsprop.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] adam() {
        adam.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] amsgradPaper() {
        amsgradPaper.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] amsgradNotes() {
        amsgradNotes.step(x, dx, LR);
        return x;
    }

    @Benchmark
    public double[] limit_r2_w1() {
        double[] x = this.x;
        double[] dx = this.dx;
        for (int i = 0; i < x.length; i++) {
            x[i] += LR * dx[i];
        }
        return x;
    }

    @Benchmark
    public double[] limit_r3_w2() {
        double[] x = this.x;
        double[] dx = this.dx;
        double[] a = this.a;
        for (int i = 0; i < x.length; i++) {
            a[i] = 0.5 * a[i] + dx[i];
            x[i] += LR * a[i];
        }
        return x;
    }

    @Benchmark
    public double[] limit_r4_w3() {
        double[] x = this.x;
        double[] dx = this.dx;
        double[] a = this.a;
        double[] b = this.b;
        for (int i = 0; i < x.length; i++) {
            a[i] = 0.5 * a[i] + dx[i];
            b[i] = 0.5 * b[i] + dx[i];
            x[i] += LR * (a[i] + b[i]);
        }
        return x;
    }

    @Benchmark
    public double[] limit_r5_w4() {
        double[] x = this.x;
        double[] dx = this.dx;
        double[] a = this.a;
        double[] b = this.b;
        double[] c = this.c;
        for (int i = 0; i < x.length; i++) {
            a[i] = 0.5 * a[i] + dx[i];
            b[i] = 0.5 * b[i] + dx[i];
            c[i] = 0.5 * c[i] + dx[i];
            x[i] += LR * (a[i] + b[i] + c[i]);
        }
        return x;
    }
}
