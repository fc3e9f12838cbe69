package org.optimizerlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * Adam (Kingma, Ba 2015): RMSProp with momentum. {@code v} is a moving average of gradients, {@code cache} of
 * squared gradients; both start at zero and are divided by {@code 1 - rate^t} to remove that bias towards zero.
 *
 * <pre>
 * t += 1                                   (t counts updates from 1)
 * v = mu * v + (1 - mu) * dx
 * vt = v / (1 - mu ** t)
 * cache = decay_rate * cache + (1 - decay_rate) * (dx ** 2)
 * cachet = cache / (1 - decay_rate ** t)
 * x += - (lr / (np.sqrt(cachet) + eps)) * vt
 * </pre>
 *
 * <p>Equals {@code torch.optim.Adam(lr, betas=(mu, decay_rate), eps=eps)} to round-off. The effective learning
 * rate reported is the bias-corrected {@code lr / (sqrt(cachet) + eps)}.
 *
 * @param lr         the learning rate, {@code > 0}
 * @param mu         the fraction of {@code v} kept per update (Adam's beta1), in {@code [0, 1)}; default {@value Momentum#DEFAULT_MU}
 * @param decay_rate the fraction of {@code cache} kept per update (beta2), in {@code (0, 1)}; default {@value #DEFAULT_DECAY_RATE}
 * @param eps        added to the root to avoid dividing by zero, {@code > 0}; default {@value AdaGrad#DEFAULT_EPS}
 */
public record Adam(double lr, double mu, double decay_rate, double eps) implements OptimizerConfig {

    /** The notes' {@code decay_rate = 0.999} for Adam and AMSGrad. */
    public static final double DEFAULT_DECAY_RATE = 0.999;

    public Adam {
        Check.positive("lr", lr);
        Check.inClosedOpen("mu", mu, 0, 1);
        Check.inOpen("decay_rate", decay_rate, 0, 1);
        Check.positive("eps", eps);
    }

    @Override
    public String type() {
        return "adam";
    }

    @Override
    public Optimizer newState(int dimension) {
        return new State(dimension);
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("mu", mu);
        map.put("decay_rate", decay_rate);
        map.put("eps", eps);
        return map;
    }

    /** The first moment {@code v} and second moment {@code cache}, zero at the start. */
    private final class State implements Optimizer {
        private final double[] v;
        private final double[] cache;
        private double lastLr;
        private int t;

        State(int dimension) {
            v = new double[dimension];
            cache = new double[dimension];
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
                double cachet = cache[i] / cacheCorrection;       // cachet = cache / (1 - decay_rate ** t)
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
            if (t > 0) {
                state.put("effective_lr", EffectiveLr.of(lastLr, cache, 1 - Math.pow(decay_rate, t), eps));
            }
            return state;
        }
    }
}
