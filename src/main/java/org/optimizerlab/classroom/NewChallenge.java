package org.optimizerlab.classroom;

import org.optimizerlab.validation.Check;

/**
 * A challenge the instructor sets, before the store numbers it: what the students start from and how their
 * submissions are ranked (the server computes every score).
 *
 * @param lessonSlug the lesson it belongs to
 * @param title      what the students see it called
 * @param spec       the challenge's definition (JSON: the experiment and what may be changed), at most 256 KiB
 * @param order      which end of the score wins
 */
public record NewChallenge(String lessonSlug, String title, String spec, ScoreOrder order) {
    public NewChallenge {
        ClassFields.slug("lessonSlug", lessonSlug);
        ClassFields.text("title", title, 200);
        ClassFields.text("spec", spec, ClassFields.MAX_SPEC_CHARS);
        Check.present("order", order);
    }
}
