package org.optimizerlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * The basic momentum method of the notes: a velocity {@code v} accumulates past gradients and moves {@code x}.
 *
 * <pre>
 * v = mu * v - lr * dx
 * x += v
 * </pre>
 *
 * <p>{@code mu} is the fraction of the velocity kept from one update to the next. A larger {@code mu} means
 * <em>less</em> friction (the notes say the opposite, which is a mistake): {@code mu = 0} forgets the velocity at
 * once and is plain SGD; {@code mu} close to 1 keeps almost all of it. {@code mu = 1} (no friction at all) never
 * settles and is not allowed. With a constant {@code lr} this equals {@code torch.optim.SGD(momentum=mu)}, whose
 * buffer is {@code -v / lr}.
 *
 * @param lr the learning rate, {@code > 0}
 * @param mu the momentum, the fraction of velocity kept, in {@code [0, 1)}; default {@value #DEFAULT_MU}
 */
public record Momentum(double lr, double mu) implements OptimizerConfig {

    /** The notes' {@code mu = 0.9}. */
    public static final double DEFAULT_MU = 0.9;

    public Momentum {
        Check.positive("lr", lr);
        Check.inClosedOpen("mu", mu, 0, 1);
    }

    @Override
    public String type() {
        return "momentum";
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
        return map;
    }

    /** The velocity {@code v}, zero at the start. */
    private final class State implements Optimizer {
        private final double[] v;
        private int t;

        State(int dimension) {
            v = new double[dimension];
        }

        @Override
        public void step(double[] x, double[] dx, double lr) {
            for (int i = 0; i < x.length; i++) {
                v[i] = mu * v[i] - lr * dx[i];                    // v = mu * v; v += - lr * dx
                x[i] += v[i];                                     // x += v
            }
            t++;
        }

        @Override
        public int t() {
            return t;
        }

        @Override
        public Map<String, double[]> state() {
            return Map.of("v", v.clone());
        }
    }
}
