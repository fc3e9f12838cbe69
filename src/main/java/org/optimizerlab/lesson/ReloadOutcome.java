package org.optimizerlab.lesson;

import java.time.Instant;
import java.util.List;

/** What became of one reload of the instructor's lessons folder ({@link LiveCourse#reload}). */
public sealed interface ReloadOutcome {

    /** When it happened. */
    Instant at();

    /** What asked for it: {@code the folder changed} or {@code the instructor's button}. */
    String cause();

    /**
     * The folder was valid and its course is now served.
     *
     * @param lessons how many lessons the course has
     * @param version the course's new version
     * @param changed whether the version differs from the one served before
     */
    record Reloaded(Instant at, String cause, int lessons, String version, boolean changed) implements ReloadOutcome {
    }

    /**
     * The folder had problems; the course served before is still served.
     *
     * @param problems every problem, each with its file and field
     */
    record Refused(Instant at, String cause, List<LessonProblem> problems) implements ReloadOutcome {
        public Refused {
            problems = List.copyOf(problems);
        }
    }
}
