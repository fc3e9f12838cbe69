package org.optimizerlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * RMSProp (Hinton, lecture 6e): AdaGrad with a leaky {@code cache}, an exponentially weighted moving average of
 * squared gradients, so distant history is forgotten and the step size does not only shrink.
 *
 * <pre>
 * cache = decay_rate * cache + (1 - decay_rate) * (dx ** 2)
 * x += - (lr / (np.sqrt(cache) + eps)) * dx
 * </pre>
 *
 * <p>Equals {@code torch.optim.RMSprop(lr, alpha=decay_rate, eps=eps)}.
 *
 * @param lr         the learning rate, {@code > 0}
 * @param decay_rate the fraction of {@code cache} kept per update, in {@code (0, 1)}; default {@value #DEFAULT_DECAY_RATE}
 * @param eps        added to the root to avoid dividing by zero, {@code > 0}; default {@value AdaGrad#DEFAULT_EPS}
 */
public record RmsProp(double lr, double decay_rate, double eps) implements OptimizerConfig {

    /** The notes' {@code decay_rate = 0.9} for RMSProp. */
    public static final double DEFAULT_DECAY_RATE = 0.9;

    public RmsProp {
        Check.positive("lr", lr);
        Check.inOpen("decay_rate", decay_rate, 0, 1);
        Check.positive("eps", eps);
    }

    @Override
    public String type() {
        return "rmsprop";
    }

    @Override
    public Optimizer newState(int dimension) {
        return new State(dimension);
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("decay_rate", decay_rate);
        map.put("eps", eps);
        return map;
    }

    /** The moving average of squared gradients {@code cache}, zero at the start. */
    private final class State implements Optimizer {
        private final double[] cache;
        private double lastLr;
        private int t;

        State(int dimension) {
            cache = new double[dimension];
        }

        @Override
        public void step(double[] x, double[] dx, double lr) {
            for (int i = 0; i < x.length; i++) {
                cache[i] = decay_rate * cache[i] + (1 - decay_rate) * (dx[i] * dx[i]);
                x[i] += -(lr / (Math.sqrt(cache[i]) + eps)) * dx[i]; // x += - (lr / (np.sqrt(cache) + eps)) * dx
            }
            lastLr = lr;
            t++;
        }

        @Override
        public int t() {
            return t;
        }

        @Override
        public Map<String, double[]> state() {
            Map<String, double[]> state = new LinkedHashMap<>();
            state.put("cache", cache.clone());
            if (t > 0) {
                state.put("effective_lr", EffectiveLr.of(lastLr, cache, 1, eps));
            }
            return state;
        }
    }
}
