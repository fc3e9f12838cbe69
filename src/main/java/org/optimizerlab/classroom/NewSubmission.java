package org.optimizerlab.classroom;

import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * A student's answer to a challenge with the score the server computed for it, before the store numbers it.
 *
 * @param challengeId the challenge
 * @param studentId   who submitted
 * @param spec        what they submitted (JSON), at most 256 KiB
 * @param score       the server's score, finite
 */
public record NewSubmission(long challengeId, String studentId, String spec, double score) {
    public NewSubmission {
        if (challengeId <= 0) {
            throw new FieldException("challengeId", "must be a challenge's number (1 or more), got " + challengeId);
        }
        ClassFields.id("studentId", studentId);
        ClassFields.text("spec", spec, ClassFields.MAX_SPEC_CHARS);
        Check.finite("score", score);
    }
}
