package org.optimizerlab.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * Whether {@code GET /metrics} exists and who may read it. {@code OPTLAB_METRICS}: {@code off} (the default: 404),
 * {@code on} (anyone who reaches the port, e.g. a Prometheus inside the cluster) or {@code instructor} (only the
 * signed-in instructor's browser). {@code OPTLAB_METRICS_TOKEN}, when set, is also required under {@code on}:
 * a scraper sends {@code Authorization: Bearer TOKEN}; the instructor's session is accepted as well.
 *
 * @param access who may read the metrics
 * @param token  the bearer token, 16 to 256 visible ASCII characters, or empty
 */
public record MetricsConfig(Access access, Optional<String> token) {

    /** The variable that turns metrics on. */
    public static final String VARIABLE = "OPTLAB_METRICS";
    /** The variable of the bearer token. */
    public static final String TOKEN_VARIABLE = "OPTLAB_METRICS_TOKEN";
    /** Metrics off. */
    public static final MetricsConfig OFF = new MetricsConfig(Access.OFF, Optional.empty());

    /** Who may read {@code /metrics}. */
    public enum Access {
        /** Nobody: the path does not exist. */
        OFF,
        /** Anyone, or the token's holder and the instructor when a token is set. */
        ON,
        /** The signed-in instructor, or the token's holder when a token is set. */
        INSTRUCTOR
    }

    public MetricsConfig {
        if (access == null || token == null) {
            throw new FieldException(access == null ? VARIABLE : TOKEN_VARIABLE, "is required");
        }
        if (token.isPresent()) {
            String value = token.get();
            if (value.length() < 16 || value.length() > 256 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new FieldException(TOKEN_VARIABLE, "must be 16 to 256 visible ASCII characters without spaces,"
                        + " got " + value.length() + " characters");
            }
            if (access == Access.OFF) {
                throw new FieldException(TOKEN_VARIABLE, "is set but " + VARIABLE + " is off; set " + VARIABLE
                        + "=on to serve /metrics behind the token");
            }
        }
    }

    /**
     * Reads the two variables' values (empty when unset); a bad value is a {@link FieldException} naming its
     * variable.
     */
    public static MetricsConfig read(Optional<String> metrics, Optional<String> token) {
        Access access = metrics.map(MetricsConfig::access).orElse(Access.OFF);
        return new MetricsConfig(access, token);
    }

    private static Access access(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off", "false", "0" -> Access.OFF;
            case "on", "true", "1" -> Access.ON;
            case "instructor" -> Access.INSTRUCTOR;
            default -> throw new FieldException(VARIABLE, "must be off, on or instructor, got "
                    + Quote.of(FieldException.oneLine(value)));
        };
    }

    /** Whether {@code /metrics} is served. */
    public boolean enabled() {
        return access != Access.OFF;
    }

    /**
     * Whether a request may read the metrics.
     *
     * @param authorization       its {@code Authorization} header, or null
     * @param instructorSignedIn  whether it carries the instructor's live session
     */
    public boolean allows(String authorization, boolean instructorSignedIn) {
        if (access == Access.OFF) {
            return false;
        }
        if (token.isPresent() && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                        token.get().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        if (token.isPresent() || access == Access.INSTRUCTOR) {
            return instructorSignedIn;
        }
        return true;
    }

    @Override
    public String toString() {
        return "MetricsConfig[access=" + access + ", token=" + (token.isPresent() ? "(set)" : "(none)") + "]";
    }
}
