package org.optimizerlab.classroom;

import java.time.Instant;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * Who is connected to one replica of the class, as that replica last wrote it to the shared database.
 *
 * @param replicaId the replica's id (random per process start)
 * @param roster    the roster as a JSON document, at most {@link #MAX_CHARS} characters
 * @param updatedAt when the replica wrote it
 */
public record ReplicaRoster(String replicaId, String roster, Instant updatedAt) {

    /** The most characters one replica's roster may take (about 400 students listed). */
    public static final int MAX_CHARS = 200_000;

    public ReplicaRoster {
        ClassFields.id("replicaId", replicaId);
        Check.present("roster", roster);
        if (roster.length() > MAX_CHARS) {
            throw new FieldException("roster", "must be at most " + MAX_CHARS
                    + " characters, got " + roster.length());
        }
        Check.present("updatedAt", updatedAt);
    }
}
