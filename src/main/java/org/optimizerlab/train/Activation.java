package org.optimizerlab.train;

import java.util.List;

/** A hidden layer's nonlinearity: {@code relu} ({@code max(0, a)}) or {@code tanh}. */
public enum Activation {
    RELU("relu"),
    TANH("tanh");

    /** The spec names. */
    public static final List<String> NAMES = List.of("relu", "tanh");

    private final String specName;

    Activation(String specName) {
        this.specName = specName;
    }

    /** The name used in specs. */
    public String specName() {
        return specName;
    }

    /** The activation with spec name {@code name} (one of {@link #NAMES}). */
    public static Activation of(String name) {
        for (Activation activation : values()) {
            if (activation.specName.equals(name)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'");
    }

    /** Applies the activation to {@code a[0..count)} in place. */
    public void applyInPlace(double[] a, int count) {
        if (this == RELU) {
            for (int j = 0; j < count; j++) {
                a[j] = Math.max(a[j], 0);
            }
        } else {
            for (int j = 0; j < count; j++) {
                a[j] = Math.tanh(a[j]);
            }
        }
    }

    /**
     * Writes the derivative of the activation at each of {@code out[0..count)}, given as the activation's output.
     * For ReLU ({@code out >= 0}) that is 1 where the unit is on and 0 where it is off, computed as
     * {@code ceil(min(out, 1))}: the same doubles as a compare, without a branch (the units are on and off at
     * random, so a branch is mispredicted half the time), and the JIT compiler vectorizes it.
     */
    public void derivativeFromOutput(double[] out, double[] derivative, int count) {
        if (this == RELU) {
            for (int j = 0; j < count; j++) {
                derivative[j] = Math.ceil(Math.min(out[j], 1));       // relu' = 1 where the unit is on (out > 0)
            }
        } else {
            for (int j = 0; j < count; j++) {
                derivative[j] = 1 - out[j] * out[j];                  // tanh' = 1 - tanh²
            }
        }
    }

    /**
     * Multiplies {@code g[0..count)} in place by the derivative at each of {@code out[0..count)} (the activation's
     * output), as {@link #derivativeFromOutput} writes it: the backward pass through the nonlinearity in one pass.
     */
    public void multiplyByDerivative(double[] out, double[] g, int count) {
        if (this == RELU) {
            for (int j = 0; j < count; j++) {
                g[j] *= Math.ceil(Math.min(out[j], 1));               // relu' as a 0/1 factor, without a branch
            }
        } else {
            for (int j = 0; j < count; j++) {
                g[j] *= 1 - out[j] * out[j];                          // tanh' = 1 - tanh²
            }
        }
    }
}
