package org.optimizerlab.lesson;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every lesson of the course, in order: what the index lists and what {@code /lessons/{slug}} looks up.
 *
 * @param lessons the lessons by ascending order, with distinct orders and slugs
 */
public record Course(List<Lesson> lessons) {

    public Course {
        lessons = lessons.stream().sorted(Comparator.comparingInt(Lesson::order)).toList();
    }

    /** The lesson at {@code /lessons/{slug}}, if there is one. */
    public Optional<Lesson> lesson(String slug) {
        return lessons.stream().filter(l -> l.slug().equals(slug)).findFirst();
    }
}
