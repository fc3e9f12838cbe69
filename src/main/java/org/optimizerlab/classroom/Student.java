package org.optimizerlab.classroom;

import java.time.Instant;
import org.optimizerlab.validation.Check;

/**
 * A student as the class knows them: the id their browser keeps and the name they show on leaderboards.
 *
 * @param id          the student's id ({@code A-Z a-z 0-9 _ -}, 1 to 64)
 * @param displayName the name they chose, trimmed, 1 to 40 characters on one line
 * @param updatedAt   when they last chose it
 */
public record Student(String id, String displayName, Instant updatedAt) {
    public Student {
        ClassFields.id("studentId", id);
        displayName = ClassFields.name("displayName", displayName);
        Check.present("updatedAt", updatedAt);
    }
}
