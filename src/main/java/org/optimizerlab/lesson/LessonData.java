package org.optimizerlab.lesson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.optimizerlab.data.DataFolder;

/**
 * The data files of a lesson folder ({@code *.csv} beside {@code experiment.json}, for presets of problem
 * {@code csv}), read once when the lesson is loaded and kept with it as a {@link DataFolder.Kept}: a race on the
 * lesson page reads its table from memory, never from the disk and never from another folder. Bounded: at most
 * {@value #MAX_PER_LESSON} files per lesson, each at most {@link DataFolder#MAX_BYTES} bytes, and
 * {@value #MAX_TOTAL_BYTES} bytes over the lessons folder.
 */
final class LessonData {

    /** The most data files one lesson may have. */
    static final int MAX_PER_LESSON = 4;
    /** The most bytes of data files one lessons folder may hold in memory. */
    static final long MAX_TOTAL_BYTES = 16L << 20;
    /** What a data file's name may look like. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.csv");

    private final LessonFileBudget budget = new LessonFileBudget("a data file", "data files", NAME,
            "(at most 100 characters before .csv, not starting with '.', '-' or '_')", DataFolder.MAX_BYTES,
            Long.toString(DataFolder.MAX_BYTES), MAX_TOTAL_BYTES, MAX_TOTAL_BYTES + " bytes (16 MiB)");

    /** Whether {@code name} is a data file's name (it ends in {@code .csv}). */
    static boolean isDataFile(String name) {
        return name.endsWith(".csv");
    }

    /** The data files {@code candidates} of lesson {@code lesson}, each problem given to {@code problems}. */
    DataFolder read(LessonFiles files, String lesson, List<Path> candidates, List<LessonProblem> problems) {
        Map<String, String> texts = new TreeMap<>();
        if (candidates.size() > MAX_PER_LESSON) {
            problems.add(new LessonProblem(lesson, "", "has " + candidates.size() + " data files (.csv); a lesson may "
                    + "have at most " + MAX_PER_LESSON));
            return new DataFolder.Kept(texts);
        }
        for (Path file : candidates) {
            String label = lesson + "/" + file.getFileName();
            budget.read(files, lesson, file, problems).ifPresent(bytes -> {
                try {
                    texts.put(file.getFileName().toString(), LessonLoader.text(bytes));
                } catch (IOException e) {
                    problems.add(new LessonProblem(label, "", e.getMessage()));
                }
            });
        }
        return new DataFolder.Kept(texts);
    }
}
