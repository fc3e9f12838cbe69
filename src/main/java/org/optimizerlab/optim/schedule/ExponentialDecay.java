package org.optimizerlab.optim.schedule;

import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * Exponential decay, the notes' {@code a = a0 * e^(-k t)}: {@code lr = lr0 * exp(-k * t)}, {@code t} the 0-based
 * update index.
 *
 * @param k the decay constant, {@code >= 0} (0 keeps the rate constant)
 */
public record ExponentialDecay(double k) implements Schedule {

    public ExponentialDecay {
        Check.nonNegative("k", k);
    }

    @Override
    public String type() {
        return "exponential";
    }

    @Override
    public double lrAt(double lr0, long t, long epoch) {
        return lr0 * Math.exp(-k * t);                           // a = a0 * e^(-k t)
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("k", k);
    }
}
