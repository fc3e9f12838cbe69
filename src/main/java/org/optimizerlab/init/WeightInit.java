package org.optimizerlab.init;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a weight matrix starts, from the notes' section on parameter initialization. {@code n_in} is the number of
 * inputs of each neuron (the rows of a {@code n_in x n_out} matrix).
 *
 * <ul>
 *   <li>{@code small}: {@code 0.01 * randn}: small random numbers that break the symmetry, but whose signals shrink
 *       from layer to layer in a deep network;</li>
 *   <li>{@code xavier}: {@code randn / sqrt(n_in)}: output variance about the input variance (for tanh);</li>
 *   <li>{@code he}: {@code randn * sqrt(2 / n_in)}: the notes' recommendation for ReLU, which zeroes half the signal;</li>
 *   <li>{@code zeros}: all zero, to show the symmetry problem: every hidden unit computes and learns the same.</li>
 * </ul>
 */
public enum WeightInit {
    SMALL("small"),
    XAVIER("xavier"),
    HE("he"),
    ZEROS("zeros");

    /** The spec names, in the order above. */
    public static final List<String> NAMES = List.of("small", "xavier", "he", "zeros");

    private final String specName;

    WeightInit(String specName) {
        this.specName = specName;
    }

    /** The name used in specs. */
    public String specName() {
        return specName;
    }

    /** The rule with spec name {@code name} (one of {@link #NAMES}). */
    public static WeightInit of(String name) {
        for (WeightInit init : values()) {
            if (init.specName.equals(name)) {
                return init;
            }
        }
        throw new IllegalArgumentException("unknown weight initialization '" + name + "'");
    }

    /** The standard deviation of the weights of a neuron with {@code nIn} inputs. */
    public double std(int nIn) {
        return switch (this) {
            case SMALL -> 0.01;
            case XAVIER -> 1 / Math.sqrt(nIn);
            case HE -> Math.sqrt(2.0 / nIn);
            case ZEROS -> 0;
        };
    }

    /**
     * Fills {@code count} weights of neurons with {@code nIn} inputs, from {@code w[offset]} on, with
     * {@code std(nIn) * randn}. {@code zeros} draws nothing.
     */
    public void fill(double[] w, int offset, int count, int nIn, RandomGenerator random) {
        double std = std(nIn);
        for (int i = offset; i < offset + count; i++) {
            w[i] = this == ZEROS ? 0 : std * random.nextGaussian();
        }
    }
}
