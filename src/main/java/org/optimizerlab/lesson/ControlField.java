package org.optimizerlab.lesson;

import java.util.HashSet;
import java.util.List;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * One control of a preset: a {@link Slider} for a number (or, for the ranges of a search, the bounds of both ends
 * of a range), or a {@link Choice} among named values ({@code init}, {@code activation}).
 */
public sealed interface ControlField {

    /** How a slider's position maps to a value. */
    enum Scale {
        /** Equal slider distances are equal differences. */
        LINEAR,
        /** Equal slider distances are equal ratios (learning rates, eps). */
        LOG;

        /** The name in {@code experiment.json}: {@code linear} or {@code log}. */
        public String specName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A slider: the range the student may choose a number from.
     *
     * @param min   the smallest value offered, finite
     * @param max   the largest value offered, {@code > min}
     * @param step  the slider's step, {@code > 0}, or {@code null} for a continuous slider
     * @param scale how the slider maps to values; {@code LOG} needs {@code min > 0}
     */
    record Slider(double min, double max, Double step, Scale scale) implements ControlField {
        public Slider {
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

    /**
     * A choice among named values (a drop-down).
     *
     * @param options the values offered, at least two, no repeats
     */
    record Choice(List<String> options) implements ControlField {
        public Choice {
            options = List.copyOf(options);
            if (options.size() < 2) {
                throw new FieldException("options", "must offer at least two values, got " + options.size());
            }
            if (new HashSet<>(options).size() != options.size()) {
                throw new FieldException("options", "must not repeat a value");
            }
        }
    }
}
