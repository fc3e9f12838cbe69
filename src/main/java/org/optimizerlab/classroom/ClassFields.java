package org.optimizerlab.classroom;

import java.util.regex.Pattern;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/** The rules the class's values share, each failing with a {@link FieldException} that names the field. */
public final class ClassFields {

    /** Longest experiment spec kept (a pushed experiment, a challenge, a submission). */
    static final int MAX_SPEC_CHARS = 256 * 1024;
    /** Longest display name. */
    public static final int MAX_NAME_CHARS = 40;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private ClassFields() {
    }

    /** A student's id: 1 to 64 of {@code A-Z a-z 0-9 _ -}. */
    public static String id(String field, String value) {
        Check.present(field, value);
        if (!ID.matcher(value).matches()) {
            throw new FieldException(field, "must be 1 to 64 of A-Z a-z 0-9 _ -, got '" + shorten(value) + "'");
        }
        return value;
    }

    /** A lesson's slug, as lesson folders are named: lower-case letters, digits and dashes. */
    public static String slug(String field, String value) {
        Check.present(field, value);
        if (!SLUG.matcher(value).matches()) {
            throw new FieldException(field, "must be a lesson slug (a-z 0-9 -, up to 100), got '" + shorten(value) + "'");
        }
        return value;
    }

    /** Text that is not blank, has no control characters but line breaks, and is at most {@code max} long. */
    public static String text(String field, String value, int max) {
        Check.present(field, value);
        if (value.isBlank()) {
            throw new FieldException(field, "must not be empty");
        }
        if (value.length() > max) {
            throw new FieldException(field, "must be at most " + max + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new FieldException(field, "must not contain control characters");
        }
        return value;
    }

    /** A one-line name, trimmed, 1 to {@link #MAX_NAME_CHARS} characters. */
    public static String name(String field, String value) {
        Check.present(field, value);
        String trimmed = value.strip();
        text(field, trimmed, MAX_NAME_CHARS);
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new FieldException(field, "must be one line");
        }
        return trimmed;
    }

    private static String shorten(String value) {
        return FieldException.oneLine(value.length() > 40 ? value.substring(0, 40) + "..." : value);
    }
}
