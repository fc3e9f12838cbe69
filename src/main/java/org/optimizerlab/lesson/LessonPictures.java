package org.optimizerlab.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.optimizerlab.validation.Quote;

/**
 * The pictures of a lesson folder ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .webp}, {@code .svg} beside
 * {@code experiment.json}): read once when the lesson is loaded, each checked to be what its name says and bounded
 * ({@link Picture}'s limits, per lesson and over the lessons folder), and where the images and picture links of the
 * lesson's Markdown then point ({@link Lesson#pictureUrl}).
 */
final class LessonPictures {

    private final LessonFileBudget budget = new LessonFileBudget("a picture", "pictures", Picture.NAME,
            "(at most 100 characters, not starting with '.', '-' or '_')", Picture.MAX_BYTES,
            Picture.MAX_BYTES + " (1 MiB)", Picture.MAX_TOTAL_BYTES, Picture.MAX_TOTAL_BYTES + " bytes (32 MiB)");

    /** The pictures of a lesson folder by name: each a plain name, a regular file, of its type, bounded in size. */
    Map<String, Picture> read(LessonFiles files, String lesson, List<Path> candidates, List<LessonProblem> problems) {
        Map<String, Picture> pictures = new TreeMap<>();
        if (candidates.size() > Picture.MAX_PER_LESSON) {
            problems.add(new LessonProblem(lesson, "", "has " + candidates.size() + " pictures; a lesson may have at "
                    + "most " + Picture.MAX_PER_LESSON));
        }
        for (Path file : candidates) {
            String name = file.getFileName().toString();
            Optional<byte[]> bytes = budget.read(files, lesson, file, problems);
            if (bytes.isEmpty()) {
                continue;
            }
            Picture.Type type = Picture.Type.ofName(name).orElseThrow();
            Optional<String> fake = PictureCheck.problem(type, bytes.get());
            if (fake.isPresent()) {
                problems.add(new LessonProblem(lesson + "/" + name, "", fake.get()));
                continue;
            }
            pictures.put(name, new Picture(name, type, bytes.get()));
        }
        return pictures;
    }

    /**
     * Whether a link's target is a picture of the lesson's folder, to be written as its address like an image's:
     * a relative target (no scheme, not starting with {@code /}, {@code #} or {@code ?}) ending in a picture's
     * extension. Other relative links ({@code ../momentum}, {@code #top}) are left as they are.
     */
    static boolean namesPicture(String destination) {
        return !destination.isEmpty() && "/#?".indexOf(destination.charAt(0)) < 0 && !hasScheme(destination)
                && Picture.Type.ofName(destination).isPresent();
    }

    /** Whether a URL has a scheme: a colon before its first {@code /}, {@code ?} or {@code #} (RFC 3986, 4.2). */
    private static boolean hasScheme(String destination) {
        int end = 0;
        while (end < destination.length() && "/?#:".indexOf(destination.charAt(end)) < 0) {
            end++;
        }
        return end < destination.length() && destination.charAt(end) == ':';
    }

    /**
     * Where an image (or a link to a picture) of a lesson's Markdown points: a plain file name ({@code surface.png},
     * or {@code ./surface.png}) becomes the address of that picture of the lesson, which must exist; an address with
     * a scheme or an absolute path is left to {@link LinkPolicy}; any other relative path is a problem.
     */
    static String target(String destination, String slug, Map<String, Picture> pictures, List<Path> candidates,
                         String label, int line, List<LessonProblem> problems) {
        if (destination.isEmpty() || destination.startsWith("/") || hasScheme(destination)) {
            return destination;
        }
        String name = destination.startsWith("./") ? destination.substring(2) : destination;
        String field = "line " + line;
        if (!Picture.NAME.matcher(name).matches() || Picture.Type.ofName(name).isEmpty()) {
            problems.add(new LessonProblem(label, field, "picture " + Quote.of(destination) + " must be a picture "
                    + "file of the lesson's own folder, by its plain name (surface.png; .png, .jpg, .jpeg, .webp "
                    + "or .svg)"));
            return "";
        }
        if (!pictures.containsKey(name)) {
            boolean there = candidates.stream().anyMatch(p -> p.getFileName().toString().equals(name));
            if (!there) {
                problems.add(new LessonProblem(label, field, "picture '" + name + "' is not in the lesson's folder"));
            }
            return "";
        }
        return Lesson.pictureUrl(slug, name);
    }
}
