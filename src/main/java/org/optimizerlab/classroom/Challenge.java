package org.optimizerlab.classroom;

import java.time.Instant;
import java.util.Optional;
import org.optimizerlab.validation.Check;

/**
 * A challenge as stored: open for submissions until the instructor closes it.
 *
 * @param id        its number
 * @param challenge what was set
 * @param createdAt when it was set
 * @param closedAt  when it was closed, empty while it is open
 */
public record Challenge(long id, NewChallenge challenge, Instant createdAt, Optional<Instant> closedAt) {
    public Challenge {
        Check.present("challenge", challenge);
        Check.present("createdAt", createdAt);
        Check.present("closedAt", closedAt);
    }

    /** Whether it still takes submissions. */
    public boolean open() {
        return closedAt.isEmpty();
    }
}
