package org.optimizerlab.validation;

/**
 * How an error message shows a value the client sent (an enum value, a field name, an id, a number's digits): whole
 * when it is short, else its first {@value #MAX_SHOWN} characters, an ellipsis and the total length, so an error
 * never grows with the input: {@code 'aaaa…' (65536 characters)}. Every message that echoes a client's value goes
 * through here.
 */
public final class Quote {
    /** The most characters of a value an error message shows. */
    public static final int MAX_SHOWN = 64;

    private Quote() {
    }

    /** The value in single quotes: {@code 'adam'}, or {@code 'aaaa…' (65536 characters)} when it is long. */
    public static String of(String value) {
        return of(value, "'");
    }

    /**
     * The value between {@code mark}s ({@code "\""}, or {@code ""} for none, as for a number's digits), cut as
     * {@link #of(String)} cuts it.
     */
    public static String of(String value, String mark) {
        int length = value.codePointCount(0, value.length());
        if (length <= MAX_SHOWN) {
            return mark + value + mark;
        }
        return mark + cut(value) + mark + " (" + length + " characters)";
    }

    /**
     * The value itself when short, else its first {@value #MAX_SHOWN} characters and an ellipsis, without the length:
     * for a field name inside a path ({@code problem.aaaa…}), where the message says the length itself.
     */
    public static String cut(String value) {
        if (value.codePointCount(0, value.length()) <= MAX_SHOWN) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_SHOWN)) + "…";
    }

    /** Whether {@link #cut(String)} shortens the value. */
    public static boolean isLong(String value) {
        return value.codePointCount(0, value.length()) > MAX_SHOWN;
    }
}
