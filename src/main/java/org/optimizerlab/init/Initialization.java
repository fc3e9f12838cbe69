package org.optimizerlab.init;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.optimizerlab.validation.Check;

/**
 * The initialization of a network (spec fields {@code init} and {@code bias_init}): a rule for the weights and a
 * constant for the biases, which the notes say are usually 0 or a small constant such as 0.01.
 *
 * @param weights the weight rule; default {@link #DEFAULT_WEIGHTS}
 * @param bias    every bias's start value, in {@code [-1, 1]}; default {@value #DEFAULT_BIAS}
 */
public record Initialization(WeightInit weights, double bias) {

    /** The notes' first rule, {@code 0.01 * randn}, as in the CS231n spiral case study. */
    public static final WeightInit DEFAULT_WEIGHTS = WeightInit.SMALL;
    /** Biases start at zero unless a constant is given. */
    public static final double DEFAULT_BIAS = 0;

    public Initialization {
        Check.present("init", weights);
        Check.inClosed("bias_init", bias, -1, 1);
    }

    /** Fills the {@code nIn x nOut} weight matrix at {@code w[offset]} by the weight rule, drawing from {@code random}. */
    public void fillWeights(double[] w, int offset, int nIn, int nOut, RandomGenerator random) {
        weights.fill(w, offset, nIn * nOut, nIn, random);
    }

    /** Sets the {@code count} biases at {@code b[offset]} to the bias constant. */
    public void fillBiases(double[] b, int offset, int count) {
        Arrays.fill(b, offset, offset + count, bias);
    }
}
