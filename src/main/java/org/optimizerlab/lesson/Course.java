package org.optimizerlab.lesson;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every lesson of the course, in order: what the index lists and what {@code /lessons/{slug}} looks up. Immutable:
 * a reload builds a new course and swaps it in whole ({@link LiveCourse}).
 *
 * @param lessons the lessons by ascending order (a stable sort: of two lessons at one position, the one given
 *                first comes first), with distinct slugs
 * @param version what pages compare to learn that the course changed: a fingerprint of its files, or empty
 */
public record Course(List<Lesson> lessons, String version) {

    public Course {
        lessons = lessons.stream().sorted(Comparator.comparingInt(Lesson::order)).toList();
        java.util.Objects.requireNonNull(version, "version");
    }

    /** A course without a version. */
    public Course(List<Lesson> lessons) {
        this(lessons, "");
    }

    /**
     * The bundled lessons with the instructor's folder's over them: a folder lesson with a bundled lesson's slug
     * replaces it; every other folder lesson joins the course at the position of its folder ({@code NN-}), after
     * a bundled lesson at the same position.
     */
    public static Course overlay(List<Lesson> bundled, List<Lesson> folder, String version) {
        java.util.Set<String> replaced = folder.stream().map(Lesson::slug).collect(java.util.stream.Collectors.toSet());
        List<Lesson> lessons = new java.util.ArrayList<>();
        bundled.stream().filter(l -> !replaced.contains(l.slug())).forEach(lessons::add);
        lessons.addAll(folder);
        return new Course(lessons, version);
    }

    /** The lesson at {@code /lessons/{slug}}, if there is one. */
    public Optional<Lesson> lesson(String slug) {
        return lessons.stream().filter(l -> l.slug().equals(slug)).findFirst();
    }
}
