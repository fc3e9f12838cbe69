package org.optimizerlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * AMSGrad (Reddi, Kale, Kumar 2018, "On the Convergence of Adam and Beyond"): Adam whose denominator never shrinks,
 * so its effective learning rate cannot jump up when recent gradients are small.
 *
 * <p>{@link Variant#PAPER} (the default) is the algorithm of the paper and of
 * {@code torch.optim.Adam(amsgrad=True)}: {@code cache} stays Adam's moving average, and a separate element-wise
 * running maximum {@code cache_max} of it sets the step, bias-corrected like Adam's {@code cachet}:
 *
 * <pre>
 * t += 1
 * v = mu * v + (1 - mu) * dx
 * vt = v / (1 - mu ** t)
 * cache = decay_rate * cache + (1 - decay_rate) * (dx ** 2)
 * cache_max = np.maximum(cache_max, cache)
 * cachet = cache_max / (1 - decay_rate ** t)
 * x += - (lr / (np.sqrt(cachet) + eps)) * vt
 * </pre>
 *
 * <p>{@link Variant#NOTES} is the element-wise reading of the notes' line
 * {@code cache = np.max((cache, decay_rate * cache + (1 - decay_rate) * (dx ** 2)))}. As written, {@code np.max}
 * takes a single scalar maximum over both arrays (wrong for any vector); read element-wise it clamps the moving
 * average itself, so {@code cache} can never decay and stops being an average of recent gradients at all. It is
 * offered so a lesson can show the difference; the rest of the update is Adam's, with {@code cachet} computed from
 * the clamped {@code cache}.
 *
 * <p>The reported effective learning rate is the applied {@code lr / (sqrt(cachet) + eps)}. {@code cache_max} never
 * decreases, so {@code lr / (sqrt(cache_max) + eps)} never increases; the bias correction divides by
 * {@code 1 - decay_rate ** t}, which still grows, so in the first few thousand updates the applied step may rise
 * slightly (by at most the factor {@code sqrt((1 - decay_rate ** t) / (1 - decay_rate ** (t-1)))} per update).
 *
 * @param lr         the learning rate, {@code > 0}
 * @param mu         the fraction of {@code v} kept per update (beta1), in {@code [0, 1)}; default {@value Momentum#DEFAULT_MU}
 * @param decay_rate the fraction of {@code cache} kept per update (beta2), in {@code (0, 1)}; default {@value Adam#DEFAULT_DECAY_RATE}
 * @param eps        added to the root to avoid dividing by zero, {@code > 0}; default {@value AdaGrad#DEFAULT_EPS}
 * @param variant    which reading of AMSGrad; default {@link Variant#PAPER}
 */
public record AmsGrad(double lr, double mu, double decay_rate, double eps, Variant variant) implements OptimizerConfig {

    /** Which AMSGrad: the paper's (and PyTorch's), or the element-wise reading of the notes' line. */
    public enum Variant {
        /** A separate running maximum of Adam's moving average, as in the paper and {@code torch.optim}. */
        PAPER("paper"),
        /** The notes' line read element-wise: the moving average itself is clamped to never decrease. */
        NOTES("notes");

        private final String specName;

        Variant(String specName) {
            this.specName = specName;
        }

        /** The name used in experiment specs. */
        public String specName() {
            return specName;
        }
    }

    public AmsGrad {
        Check.positive("lr", lr);
        Check.inClosedOpen("mu", mu, 0, 1);
        Check.inOpen("decay_rate", decay_rate, 0, 1);
        Check.positive("eps", eps);
        Check.present("variant", variant);
    }

    @Override
    public String type() {
        return "amsgrad";
    }

    @Override
    public Optimizer newState(int dimension) {
        return variant == Variant.PAPER ? new PaperState(dimension) : new NotesState(dimension);
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("mu", mu);
        map.put("decay_rate", decay_rate);
        map.put("eps", eps);
        map.put("variant", variant.specName());
        return map;
    }

    /** The paper's AMSGrad: {@code v}, {@code cache} and the running maximum {@code cache_max}, zero at the start. */
    private final class PaperState implements Optimizer {
        private final double[] v;
        private final double[] cache;
        private final double[] cache_max;
        private double lastLr;
        private int t;

        PaperState(int dimension) {
            v = new double[dimension];
            cache = new double[dimension];
            cache_max = new double[dimension];
        }

        @Override
        public void step(double[] x, double[] dx, double lr) {
            t++;
            double vCorrection = 1 - Math.pow(mu, t);            // 1 - mu ** t
            double cacheCorrection = 1 - Math.pow(decay_rate, t); // 1 - decay_rate ** t
            for (int i = 0; i < x.length; i++) {
                v[i] = mu * v[i] + (1 - mu) * dx[i];              // v = mu * v + (1-mu) * dx
                double vt = v[i] / vCorrection;                   // vt = v / (1 - mu ** t)
                cache[i] = decay_rate * cache[i] + (1 - decay_rate) * (dx[i] * dx[i]);
                cache_max[i] = Math.max(cache_max[i], cache[i]);  // cache_max = np.maximum(cache_max, cache)
                double cachet = cache_max[i] / cacheCorrection;   // cachet = cache_max / (1 - decay_rate ** t)
                x[i] += -(lr / (Math.sqrt(cachet) + eps)) * vt;   // x += - (lr / (np.sqrt(cachet) + eps)) * vt
            }
            lastLr = lr;
        }

        @Override
        public int t() {
            return t;
        }

        @Override
        public Map<String, double[]> state() {
            Map<String, double[]> state = new LinkedHashMap<>();
            state.put("v", v.clone());
            state.put("cache", cache.clone());
            state.put("cache_max", cache_max.clone());
            if (t > 0) {
                state.put("effective_lr", EffectiveLr.of(lastLr, cache_max, 1 - Math.pow(decay_rate, t), eps));
            }
            return state;
        }
    }

    /** The notes' line read element-wise: {@code v} and a {@code cache} that never decreases, zero at the start. */
    private final class NotesState implements Optimizer {
        private final double[] v;
        private final double[] cache;
        private double lastLr;
        private int t;

        NotesState(int dimension) {
            v = new double[dimension];
            cache = new double[dimension];
        }

        @Override
        public void step(double[] x, double[] dx, double lr) {
            t++;
            double vCorrection = 1 - Math.pow(mu, t);
            double cacheCorrection = 1 - Math.pow(decay_rate, t);
            for (int i = 0; i < x.length; i++) {
                v[i] = mu * v[i] + (1 - mu) * dx[i];
                double vt = v[i] / vCorrection;
                // cache = np.max((cache, decay_rate * cache + (1 - decay_rate) * (dx ** 2))), element-wise
                cache[i] = Math.max(cache[i], decay_rate * cache[i] + (1 - decay_rate) * (dx[i] * dx[i]));
                double cachet = cache[i] / cacheCorrection;
                x[i] += -(lr / (Math.sqrt(cachet) + eps)) * vt;
            }
            lastLr = lr;
        }

        @Override
        public int t() {
            return t;
        }

        @Override
        public Map<String, double[]> state() {
            Map<String, double[]> state = new LinkedHashMap<>();
            state.put("v", v.clone());
            state.put("cache", cache.clone());
            if (t > 0) {
                state.put("effective_lr", EffectiveLr.of(lastLr, cache, 1 - Math.pow(decay_rate, t), eps));
            }
            return state;
        }
    }
}
