package org.optimizerlab.optim;

import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * Plain (minibatch) stochastic gradient descent, the update of the notes' epoch loop: {@code x += -lr * dx}.
 *
 * @param lr the learning rate, {@code > 0}
 */
public record Sgd(double lr) implements OptimizerConfig {

    public Sgd {
        Check.positive("lr", lr);
    }

    @Override
    public String type() {
        return "sgd";
    }

    @Override
    public Optimizer newState(int dimension) {
        return new State();
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of("lr", lr);
    }

    /** SGD keeps no state but the update count. */
    private static final class State implements Optimizer {
        private int t;

        @Override
        public void step(double[] x, double[] dx, double lr) {
            for (int i = 0; i < x.length; i++) {
                x[i] += -lr * dx[i];                              // x += - lr * dx
            }
            t++;
        }

        @Override
        public int t() {
            return t;
        }

        @Override
        public Map<String, double[]> state() {
            return Map.of();
        }
    }
}
