package org.optimizerlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * AdaGrad (Duchi, Hazan, Singer 2011): each coordinate's step is divided by the root of the sum of all its past
 * squared gradients.
 *
 * <pre>
 * cache += dx ** 2
 * x += - (lr / (np.sqrt(cache) + eps)) * dx
 * </pre>
 *
 * <p>{@code cache} only grows, so the effective learning rate {@code lr / (sqrt(cache) + eps)} of every coordinate
 * only shrinks: fast at first, then ever more cautious, and for good once gradients were large. Equals
 * {@code torch.optim.Adagrad(lr, initial_accumulator_value=0, eps=eps)}.
 *
 * @param lr  the learning rate, {@code > 0}
 * @param eps added to the root to avoid dividing by zero, {@code > 0}; default {@value #DEFAULT_EPS}
 */
public record AdaGrad(double lr, double eps) implements OptimizerConfig {

    /** The default {@code eps} of the adaptive methods. */
    public static final double DEFAULT_EPS = 1e-8;

    public AdaGrad {
        Check.positive("lr", lr);
        Check.positive("eps", eps);
    }

    @Override
    public String type() {
        return "adagrad";
    }

    @Override
    public Optimizer newState(int dimension) {
        return new State(dimension);
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("eps", eps);
        return map;
    }

    /** The sum of squared gradients {@code cache}, zero at the start. */
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
                cache[i] += dx[i] * dx[i];                        // cache += dx ** 2
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
