package org.optimizerlab.optim.schedule;

import java.util.Map;

/** No annealing: every update uses {@code lr = lr0}. */
public record Constant() implements Schedule {

    @Override
    public String type() {
        return "constant";
    }

    @Override
    public double lrAt(double lr0, long t, long epoch) {
        return lr0;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }
}
