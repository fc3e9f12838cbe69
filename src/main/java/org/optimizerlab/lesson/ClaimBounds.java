package org.optimizerlab.lesson;

import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * The open interval {@code above < x < below} of a claim that bounds one number (an accuracy gap, an update ratio,
 * a ratio of spreads); either end may be left out ({@code null}).
 *
 * @param above the lower bound, or {@code null}
 * @param below the upper bound, or {@code null}
 */
record ClaimBounds(Double above, Double below) {

    /**
     * Reads the optional fields {@code above} and {@code below} of a claim's {@code check} object: at least one
     * must be given, and with both, {@code below > above}.
     */
    static ClaimBounds read(JsonFields check) {
        Double above = check.has("above") ? check.number("above") : null;
        Double below = check.has("below") ? check.number("below") : null;
        if (above == null && below == null) {
            throw new FieldException(check.path("below"), "give above, below or both");
        }
        if (above != null && below != null && !(below > above)) {
            throw new FieldException(check.path("below"), "must be > above (" + Check.show(above) + "), got "
                    + Check.show(below));
        }
        return new ClaimBounds(above, below);
    }

    /** Whether {@code value} lies strictly between the bounds that are given. */
    boolean contains(double value) {
        return (above == null || value > above) && (below == null || value < below);
    }

    /** The bounds in words: {@code > 0.5 and < 2}. */
    String describe() {
        String low = above == null ? "" : "> " + Check.show(above);
        String high = below == null ? "" : "< " + Check.show(below);
        return low.isEmpty() ? high : high.isEmpty() ? low : low + " and " + high;
    }
}
