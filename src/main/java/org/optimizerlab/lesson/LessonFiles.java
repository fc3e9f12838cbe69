package org.optimizerlab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What stands where the loader expects a lesson file or folder, judged before anything is read: a symbolic link is
 * followed only when it stays inside the lessons folder, and a lesson file must be a regular file (not a folder, a
 * link loop, a pipe or a device). So a lesson's {@code en.md} that is a folder or a loop is reported instead of
 * leaving the lesson silently without English, and an {@code en.md} linked to {@code /etc/passwd} is never read.
 */
final class LessonFiles {

    /** What stands at a path. */
    sealed interface Found {
        /** Nothing (and no link) is there. */
        record Absent() implements Found {
        }

        /** What was asked for (a link to one inside the lessons folder counts). */
        record Usable() implements Found {
        }

        /** Something else is there; {@code problem} says what, for the lesson author. */
        record Refused(String problem) implements Found {
        }
    }

    private final Path realRoot;

    /** Judges paths under {@code root}, an existing folder. */
    LessonFiles(Path root) throws IOException {
        this.realRoot = root.toRealPath();
    }

    /** A lesson file ({@code en.md}, {@code experiment.json}): a regular file inside the lessons folder. */
    Found file(Path path) {
        return judge(path, Kind.FILE);
    }

    /** A lesson folder: a folder inside the lessons folder. */
    Found folder(Path path) {
        return judge(path, Kind.FOLDER);
    }

    /** Any entry of the lessons folder: refused only when it is a link that leads nowhere or out of the folder. */
    Found entry(Path path) {
        return judge(path, Kind.ANY);
    }

    private enum Kind { FILE, FOLDER, ANY }

    private Found judge(Path path, Kind kind) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new Found.Absent();
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            return new Found.Refused("is a symbolic link that leads nowhere (a loop, or its target is missing)");
        }
        if (!real.startsWith(realRoot)) {
            return new Found.Refused("is a symbolic link to " + real + ", outside the lessons folder; links may only "
                    + "point inside it");
        }
        if (kind == Kind.ANY) {
            return new Found.Usable();
        }
        if (kind == Kind.FOLDER) {
            return Files.isDirectory(real) ? new Found.Usable() : new Found.Refused("is not a folder");
        }
        if (Files.isRegularFile(real)) {
            return new Found.Usable();
        }
        return new Found.Refused(Files.isDirectory(real) ? "is a folder; a lesson file must be a regular file"
                : "is not a regular file (a pipe, socket or device); a lesson file must be a regular file");
    }
}
