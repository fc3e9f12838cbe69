package org.optimizerlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * Nesterov's accelerated gradient (NAG) in the form of the notes:
 *
 * <pre>
 * pre_v = v
 * v = mu * v - lr * dx
 * x += v + mu * (v - pre_v)
 * </pre>
 *
 * <p>Classic NAG evaluates the gradient at the look-ahead point {@code x + mu * v}. This form instead keeps the
 * look-ahead point itself in {@code x}: the variable stored and updated is already "where momentum is about to
 * carry us", so the gradient {@code dx} taken at {@code x} is the look-ahead gradient, and the correction
 * {@code mu * (v - pre_v)} moves the stored look-ahead point along with the new velocity. No second gradient
 * evaluation is needed. With a constant {@code lr} it equals {@code torch.optim.SGD(momentum=mu, nesterov=True)}.
 *
 * @param lr the learning rate, {@code > 0}
 * @param mu the momentum, the fraction of velocity kept, in {@code [0, 1)}; default {@value Momentum#DEFAULT_MU}
 */
public record Nesterov(double lr, double mu) implements OptimizerConfig {

    public Nesterov {
        Check.positive("lr", lr);
        Check.inClosedOpen("mu", mu, 0, 1);
    }

    @Override
    public String type() {
        return "nesterov";
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
                double pre_v = v[i];                              // pre_v = v
                v[i] = mu * v[i] - lr * dx[i];                    // v = mu * v; v += - lr * dx
                x[i] += v[i] + mu * (v[i] - pre_v);               // x += v + mu * (v - pre_v)
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
