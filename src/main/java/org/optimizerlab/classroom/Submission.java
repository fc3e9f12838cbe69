package org.optimizerlab.classroom;

import java.time.Instant;
import org.optimizerlab.validation.Check;

/**
 * A submission as stored: it exists only once its transaction has committed.
 *
 * @param id          its number
 * @param submission  what was submitted, with its score
 * @param submittedAt when
 */
public record Submission(long id, NewSubmission submission, Instant submittedAt) {
    public Submission {
        Check.present("submission", submission);
        Check.present("submittedAt", submittedAt);
    }
}
