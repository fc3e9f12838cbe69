package org.optimizerlab.classroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Instructor sign-in, free of HTTP: checks a presented token against the instructor's (in constant time),
 * starts sessions with a random secret id (256 bits; only its SHA-256 is stored) that expire after
 * {@link #SESSION_LENGTH}, finds the session behind a secret id, and ends it. Thread-safe.
 */
public final class InstructorSessions {

    /** How long a session lasts from sign-in: a school day. */
    public static final Duration SESSION_LENGTH = Duration.ofHours(12);
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ClassStore store;
    private final byte[] tokenDigest;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A session just started: the secret id for the client's cookie (never stored) and what was stored. */
    public record Started(String secretId, InstructorSession session) {
        @Override
        public String toString() {
            return "Started[secretId=hidden, session=" + session + "]";
        }
    }

    public InstructorSessions(ClassStore store, InstructorToken token, Clock clock) {
        this.store = store;
        this.tokenDigest = sha256(token.value());
        this.clock = clock;
    }

    /** Whether {@code presented} is the instructor's token; the time taken does not depend on how much matches. */
    public boolean tokenMatches(String presented) {
        return presented != null && MessageDigest.isEqual(sha256(presented), tokenDigest);
    }

    /** Starts a session for a client at {@code clientAddress} that presented the right token. */
    public Started start(String clientAddress) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String secretId = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = now();
        InstructorSession session = new InstructorSession(hash(secretId), now, now.plus(SESSION_LENGTH),
                clientAddress);
        store.removeExpiredSessions(now);
        store.addSession(session);
        return new Started(secretId, session);
    }

    /** The live session behind a secret id (a cookie's value), if there is one. */
    public Optional<InstructorSession> find(String secretId) {
        if (secretId == null || !SECRET.matcher(secretId).matches()) {
            return Optional.empty();
        }
        return store.session(hash(secretId), now());
    }

    /** Ends the session behind a secret id; whether there was one. */
    public boolean end(String secretId) {
        return secretId != null && SECRET.matcher(secretId).matches() && store.removeSession(hash(secretId));
    }

    /** The SHA-256 of a secret id as stored: 64 lower-case hex digits. */
    public static String hash(String secretId) {
        return HexFormat.of().formatHex(sha256(secretId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
