package org.optimizerlab.lesson;

import java.util.List;
import org.optimizerlab.validation.Check;

/**
 * What the engine accepts for one field of an optimizer or schedule object of a spec ({@code mu} in
 * {@code [0, 1)}, default 0.9): the front end builds its inputs from it, and lesson controls are checked against it.
 *
 * @param name          the spec name, e.g. {@code decay_rate}
 * @param defaultValue  the value used when the field is absent; {@code null} when the field is required
 * @param min           the lower bound, {@code null} for none
 * @param minExclusive  whether {@code min} itself is refused
 * @param max           the upper bound, {@code null} for none
 * @param maxExclusive  whether {@code max} itself is refused
 * @param integer       whether only whole numbers are allowed
 * @param choices       for a text field, the allowed values (then {@code defaultValue} is unused); empty for numbers
 * @param defaultChoice for a text field, the value used when it is absent
 */
public record FieldRule(String name, Double defaultValue, Double min, boolean minExclusive, Double max,
                        boolean maxExclusive, boolean integer, List<String> choices, String defaultChoice) {

    public FieldRule {
        Check.present("name", name);
        choices = List.copyOf(choices);
    }

    /** A number field with bounds; pass {@code null} for a missing bound or a required field. */
    static FieldRule number(String name, Double defaultValue, Double min, boolean minExclusive, Double max,
                            boolean maxExclusive) {
        return new FieldRule(name, defaultValue, min, minExclusive, max, maxExclusive, false, List.of(), null);
    }

    /** A whole-number field with bounds. */
    static FieldRule integer(String name, Double defaultValue, double min, Double max) {
        return new FieldRule(name, defaultValue, min, false, max, false, true, List.of(), null);
    }

    /** A text field with a fixed set of values. */
    static FieldRule choice(String name, List<String> choices, String defaultChoice) {
        return new FieldRule(name, null, null, false, null, false, false, choices, defaultChoice);
    }

    /** Whether this is a number field (not a choice). */
    public boolean numeric() {
        return choices.isEmpty();
    }

    /** Whether the engine accepts {@code value} for this number field. */
    public boolean accepts(double value) {
        if (!Double.isFinite(value) || !numeric() || (integer && value != Math.rint(value))) {
            return false;
        }
        boolean aboveMin = min == null || (minExclusive ? value > min : value >= min);
        boolean belowMax = max == null || (maxExclusive ? value < max : value <= max);
        return aboveMin && belowMax;
    }

    /** The allowed values in words: {@code in [0, 1)}, {@code > 0}, {@code an integer >= 1}. */
    public String describe() {
        if (!numeric()) {
            return "one of " + String.join(", ", choices);
        }
        String kind = integer ? "an integer " : "";
        if (min != null && max != null) {
            return kind + "in " + (minExclusive ? "(" : "[") + Check.show(min) + ", " + Check.show(max)
                    + (maxExclusive ? ")" : "]");
        }
        if (min != null) {
            return kind + (minExclusive ? "> " : ">= ") + Check.show(min);
        }
        if (max != null) {
            return kind + (maxExclusive ? "< " : "<= ") + Check.show(max);
        }
        return integer ? "an integer" : "a finite number";
    }
}
