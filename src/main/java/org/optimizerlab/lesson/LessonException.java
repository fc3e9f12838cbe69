package org.optimizerlab.lesson;

import java.util.List;

/** A lesson folder that cannot be served, with every problem found in it (the server refuses to start). */
public final class LessonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<LessonProblem> problems;

    /** @param folder the lessons folder, for the message; @param problems at least one */
    public LessonException(String folder, List<LessonProblem> problems) {
        super(message(folder, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the files. */
    public List<LessonProblem> problems() {
        return problems;
    }

    private static String message(String folder, List<LessonProblem> problems) {
        StringBuilder text = new StringBuilder();
        text.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append(" in the lessons in ").append(folder).append(':');
        for (LessonProblem problem : problems) {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }
}
