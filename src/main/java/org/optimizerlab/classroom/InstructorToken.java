package org.optimizerlab.classroom;

import java.security.SecureRandom;
import java.util.Base64;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The secret an instructor signs in with: {@code OPTLAB_INSTRUCTOR_TOKEN}, or one the server generates at start
 * ({@link #generate}: 256 random bits) and prints once as a login link. Never shown by {@link #toString()}.
 *
 * @param value     the token, at least {@value #MIN_LENGTH} characters with no spaces
 * @param generated whether the server made it up (then it is printed once at start)
 */
public record InstructorToken(String value, boolean generated) {

    /** The shortest token accepted. */
    public static final int MIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public InstructorToken {
        Check.present("value", value);
        if (value.length() < MIN_LENGTH) {
            throw new FieldException("value", "must be at least " + MIN_LENGTH + " characters (a long random "
                    + "string, e.g. from 'openssl rand -hex 16'), got " + value.length());
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new FieldException("value", "must not contain spaces or control characters");
        }
    }

    /** A token given by the operator. */
    public static InstructorToken of(String value) {
        return new InstructorToken(value, false);
    }

    /** A fresh random token: 32 bytes from {@link SecureRandom}, URL-safe Base64 (43 characters). */
    public static InstructorToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new InstructorToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    @Override
    public String toString() {
        return "InstructorToken[" + (generated ? "generated" : "given") + ", hidden]";
    }
}
