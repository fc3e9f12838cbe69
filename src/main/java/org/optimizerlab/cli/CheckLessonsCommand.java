package org.optimizerlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.lesson.Claim;
import org.optimizerlab.lesson.ClaimVerifier;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.LessonLoader;
import org.optimizerlab.lesson.LessonProblem;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.validation.Quote;

/**
 * {@code optimizer-lab check-lessons [DIR] [--no-claims]}: validates a lessons folder the way the server does at
 * start-up, and also runs every preset through the engine to check that its claim holds. Prints every problem
 * with its file and field and exits 1, or prints a summary and exits 0 (2 for a bad command line).
 */
public final class CheckLessonsCommand {

    /** Exit status when the lessons have problems. */
    public static final int PROBLEMS = 1;

    static final String HELP = """
            Usage: optimizer-lab check-lessons [DIR] [--no-claims]

            Validates a lessons folder (default: the folder OPTLAB_LESSONS_DIR names, else the lessons inside
            the application) without starting the server: folder names, front matter, Markdown files and the
            pictures they show, experiment.json presets (specs, controls, claims). Then runs every preset
            through the engine and checks that its claim holds on the points the page would plot. Prints every
            problem of the folder at once, each with its file and field (or line).

              DIR            the lessons folder (one folder NN-slug per lesson); see docs/lessons.md
              --no-claims    only validate the files, do not run the presets
              -h, --help     this text

            Exit status: 0 all good, 1 problems found, 2 bad command line.
            """;

    private CheckLessonsCommand() {
    }

    /** A lessons folder to check, closed after the check (a folder inside the jar holds the jar open). */
    public interface Folder extends AutoCloseable {
        /** The folder. */
        Path path();

        /** How to name it in messages. */
        String describe();

        @Override
        void close() throws IOException;

        /** A folder on disk, nothing to close. */
        static Folder of(Path path) {
            return new Folder() {
                @Override
                public Path path() {
                    return path;
                }

                @Override
                public String describe() {
                    return path.toString();
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /**
     * Runs the command.
     *
     * @param bundled  opens the folder checked when no DIR is given (OPTLAB_LESSONS_DIR, else the bundled lessons)
     * @param limits   the server's limits the presets must fit
     * @param work     the server's bounds on one activation study and one search
     * @param maxPointsPerRun the server's point cap, so claims are checked on what the page plots
     */
    public static int run(List<String> args, Supplier<? extends Folder> bundled, Limits limits, WorkLimits work,
                          int maxPointsPerRun, PrintStream out, PrintStream err) {
        String dir = null;
        boolean claims = true;
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--no-claims" -> claims = false;
                default -> {
                    if (arg.startsWith("-") || dir != null) {
                        err.println("error: unexpected argument " + Quote.of(arg)
                                + " (see: optimizer-lab check-lessons --help)");
                        return RunCommand.USAGE_ERROR;
                    }
                    dir = arg;
                }
            }
        }
        Folder folder = dir != null ? Folder.of(Path.of(dir)) : bundled.get();
        try (folder) {
            return check(folder, claims, limits, work, maxPointsPerRun, out);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return PROBLEMS;
        }
    }

    private static int check(Folder folder, boolean claims, Limits limits, WorkLimits work, int maxPointsPerRun,
                             PrintStream out) {
        LessonLoader.Result result = new LessonLoader(limits, work).check(folder.path());
        List<LessonProblem> problems = new ArrayList<>(result.problems());
        if (claims) {                      // also the presets of lessons with problems elsewhere: all in one run
            result.presets().forEach((file, presets) -> {
                for (int i = 0; i < presets.size(); i++) {
                    Claim.Verdict verdict = ClaimVerifier.verify(presets.get(i), maxPointsPerRun);
                    if (!verdict.holds()) {
                        problems.add(new LessonProblem(file, "presets[" + i + "].claim",
                                "does not hold on the engine's run: " + verdict.explanation()));
                    }
                }
            });
        }
        if (!problems.isEmpty()) {
            out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the lessons in "
                    + folder.describe() + ":");
            problems.forEach(p -> out.println("  " + p));
            return PROBLEMS;
        }
        int presets = result.lessons().stream().mapToInt(l -> l.presets().size()).sum();
        out.println("lessons in " + folder.describe() + ": " + result.lessons().size() + " lessons, " + presets
                + " presets, all valid" + (claims ? ", every claim holds" : " (claims not run)"));
        for (Lesson lesson : result.lessons()) {
            out.printf("  %02d %-24s %-6s %d preset(s)  %s%n", lesson.order(), lesson.slug(),
                    String.join(",", lesson.languages().stream().map(Language::code).toList()),
                    lesson.presets().size(), lesson.text(Language.FALLBACK).title());
        }
        return 0;
    }
}
