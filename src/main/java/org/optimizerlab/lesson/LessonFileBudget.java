package org.optimizerlab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bounds on one kind of file a lesson folder may hold beside its texts (pictures, data tables): a plain name,
 * a regular file inside the folder, at most so many bytes each and so many over the whole lessons folder (what
 * the server keeps in memory). Reads each file that keeps within them and reports every one that does not, with
 * its file named. Counts the bytes it let through: one per kind per load of a lessons folder.
 */
final class LessonFileBudget {
    private final String kind;
    private final String plural;
    private final Pattern name;
    private final String nameRule;
    private final long maxBytes;
    private final String maxBytesText;
    private final long maxTotalBytes;
    private final String maxTotalText;
    private long used;

    /**
     * @param kind          one file, as the messages say it ("a picture")
     * @param plural        the files, as the messages say them ("pictures")
     * @param name          what a name must look like, and {@code nameRule} that rule in words
     * @param maxBytes      the most bytes of one file, and {@code maxBytesText} that figure as the messages write it
     * @param maxTotalBytes the most bytes of all over the folder, and {@code maxTotalText} that figure in words
     */
    LessonFileBudget(String kind, String plural, Pattern name, String nameRule, long maxBytes, String maxBytesText,
                     long maxTotalBytes, String maxTotalText) {
        this.kind = kind;
        this.plural = plural;
        this.name = name;
        this.nameRule = nameRule;
        this.maxBytes = maxBytes;
        this.maxBytesText = maxBytesText;
        this.maxTotalBytes = maxTotalBytes;
        this.maxTotalText = maxTotalText;
    }

    /** The bytes of {@code file} of lesson {@code lesson} if it keeps within the bounds; else its problem is added. */
    Optional<byte[]> read(LessonFiles files, String lesson, Path file, List<LessonProblem> problems) {
        String fileName = file.getFileName().toString();
        String label = lesson + "/" + fileName;
        if (!name.matcher(fileName).matches()) {
            problems.add(new LessonProblem(label, "", kind + "'s name may have only letters, digits, '.', '-' and '_' "
                    + nameRule));
            return Optional.empty();
        }
        if (files.file(file) instanceof LessonFiles.Found.Refused refused) {
            problems.add(new LessonProblem(label, "", refused.problem()));
            return Optional.empty();
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                problems.add(new LessonProblem(label, "", "is " + size + " bytes; " + kind + " may have at most "
                        + maxBytesText));
                return Optional.empty();
            }
            if (used + size > maxTotalBytes) {
                problems.add(new LessonProblem(label, "", "would bring the " + plural + " of the lessons folder past "
                        + maxTotalText + ", the most the server holds in memory"));
                return Optional.empty();
            }
            used += size;
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            problems.add(new LessonProblem(label, "", "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
