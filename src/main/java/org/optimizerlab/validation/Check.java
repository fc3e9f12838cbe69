package org.optimizerlab.validation;

/**
 * Range checks for configuration values, each throwing a {@link FieldException} whose message names the
 * field, the allowed range and the value given: {@code mu: must be in [0, 1), got 1.5}.
 *
 * <p>Used in the compact constructors of configuration records, so a configuration that exists is valid.
 */
public final class Check {
    private Check() {
    }

    /** Requires a finite number. */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new FieldException(field, "must be a finite number, got " + show(value));
        }
        return value;
    }

    /** Requires a finite number greater than zero. */
    public static double positive(String field, double value) {
        finite(field, value);
        if (!(value > 0)) {
            throw new FieldException(field, "must be > 0, got " + show(value));
        }
        return value;
    }

    /** Requires a finite number that is zero or more. */
    public static double nonNegative(String field, double value) {
        finite(field, value);
        if (!(value >= 0)) {
            throw new FieldException(field, "must be >= 0, got " + show(value));
        }
        return value;
    }

    /** Requires {@code low <= value < high}. */
    public static double inClosedOpen(String field, double value, double low, double high) {
        finite(field, value);
        if (!(value >= low && value < high)) {
            throw new FieldException(field, "must be in [" + show(low) + ", " + show(high) + "), got " + show(value));
        }
        return value;
    }

    /** Requires {@code low < value < high}. */
    public static double inOpen(String field, double value, double low, double high) {
        finite(field, value);
        if (!(value > low && value < high)) {
            throw new FieldException(field, "must be in (" + show(low) + ", " + show(high) + "), got " + show(value));
        }
        return value;
    }

    /** Requires {@code low < value <= high}. */
    public static double inOpenClosed(String field, double value, double low, double high) {
        finite(field, value);
        if (!(value > low && value <= high)) {
            throw new FieldException(field, "must be in (" + show(low) + ", " + show(high) + "], got " + show(value));
        }
        return value;
    }

    /** Requires {@code low <= value <= high}. */
    public static double inClosed(String field, double value, double low, double high) {
        finite(field, value);
        if (!(value >= low && value <= high)) {
            throw new FieldException(field, "must be in [" + show(low) + ", " + show(high) + "], got " + show(value));
        }
        return value;
    }

    /** Requires a whole number {@code low <= value <= high}. */
    public static int intInRange(String field, long value, long low, long high) {
        if (value < low || value > high) {
            throw new FieldException(field, "must be an integer in " + low + ".." + high + ", got " + value);
        }
        return (int) value;
    }

    /** Requires a whole number {@code low <= value <= high}, returned as a long. */
    public static long intInRangeLong(String field, long value, long low, long high) {
        if (value < low || value > high) {
            throw new FieldException(field, "must be an integer in " + low + ".." + high + ", got " + value);
        }
        return value;
    }

    /** Requires a non-null value. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new FieldException(field, "is required");
        }
        return value;
    }

    /** A number as a person would write it: {@code 2}, {@code 0.5}, {@code 1.0E-8}, {@code NaN}. */
    public static String show(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
