package org.optimizerlab.classroom;

import java.util.Arrays;
import java.util.Optional;

/** Which end of a challenge's score wins: a final loss wants the lowest, an accuracy the highest. */
public enum ScoreOrder {
    /** The lowest score wins (a loss, a number of steps). */
    LOWER_IS_BETTER("lower"),
    /** The highest score wins (an accuracy). */
    HIGHER_IS_BETTER("higher");

    private final String code;

    ScoreOrder(String code) {
        this.code = code;
    }

    /** How the order is stored: {@code lower} or {@code higher}. */
    public String code() {
        return code;
    }

    /** The order stored as {@code code}. */
    public static Optional<ScoreOrder> fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }

    /** Whether score {@code a} beats score {@code b} (a tie does not). */
    public boolean beats(double a, double b) {
        return this == LOWER_IS_BETTER ? a < b : a > b;
    }
}
