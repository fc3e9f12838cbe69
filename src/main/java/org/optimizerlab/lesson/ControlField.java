package org.optimizerlab.lesson;

import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * A slider of a preset's controls: the range the student may choose a field's value from.
 *
 * @param min   the smallest value offered, finite
 * @param max   the largest value offered, {@code > min}
 * @param step  the slider's step, {@code > 0}, or {@code null} for a continuous slider
 * @param scale how the slider maps to values; {@code LOG} needs {@code min > 0}
 */
public record ControlField(double min, double max, Double step, Scale scale) {

    /** How a slider's position maps to a value. */
    public enum Scale {
        /** Equal slider distances are equal differences. */
        LINEAR,
        /** Equal slider distances are equal ratios (learning rates, eps). */
        LOG;

        /** The name in {@code experiment.json}: {@code linear} or {@code log}. */
        public String specName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ControlField {
        Check.finite("min", min);
        Check.finite("max", max);
        if (!(max > min)) {
            throw new FieldException("max", "must be > min (" + Check.show(min) + "), got " + Check.show(max));
        }
        if (step != null) {
            Check.positive("step", step);
        }
        Check.present("scale", scale);
        if (scale == Scale.LOG && !(min > 0)) {
            throw new FieldException("min", "must be > 0 on a log scale, got " + Check.show(min));
        }
    }

    /** Whether {@code value} is within {@code [min, max]}. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
