package org.optimizerlab.optim.schedule;

import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * Inverse ("1/t") decay, the notes' {@code a = a0 / (1 + k t)}: {@code lr = lr0 / (1 + k * t)}, {@code t} the
 * 0-based update index.
 *
 * @param k the decay constant, {@code >= 0} (0 keeps the rate constant)
 */
public record InverseDecay(double k) implements Schedule {

    public InverseDecay {
        Check.nonNegative("k", k);
    }

    @Override
    public String type() {
        return "inverse";
    }

    @Override
    public double lrAt(double lr0, long t, long epoch) {
        return lr0 / (1 + k * t);                                // a = a0 / (1 + k t)
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("k", k);
    }
}
