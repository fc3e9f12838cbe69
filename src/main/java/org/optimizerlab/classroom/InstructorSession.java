package org.optimizerlab.classroom;

import java.time.Instant;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * A signed-in instructor, as the store keeps it: only the SHA-256 of the session's secret id is stored, so the
 * database alone cannot be used to sign in.
 *
 * @param idHash        the SHA-256 of the secret id, 64 lower-case hex digits
 * @param createdAt     when the instructor signed in
 * @param expiresAt     when the session stops being valid
 * @param clientAddress the address they signed in from
 */
public record InstructorSession(String idHash, Instant createdAt, Instant expiresAt, String clientAddress) {
    public InstructorSession {
        Check.present("idHash", idHash);
        if (!idHash.matches("[0-9a-f]{64}")) {
            throw new FieldException("idHash", "must be 64 lower-case hex digits (a SHA-256)");
        }
        Check.present("createdAt", createdAt);
        Check.present("expiresAt", expiresAt);
        if (!expiresAt.isAfter(createdAt)) {
            throw new FieldException("expiresAt", "must be after createdAt");
        }
        ClassFields.text("clientAddress", clientAddress, 100);
    }
}
