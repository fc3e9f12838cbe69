package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.validation.FieldException;

/**
 * Loads and validates a lessons folder (format: {@code docs/lessons.md}): one folder {@code NN-slug} per lesson
 * with {@code en.md} and/or {@code zh.md} (front matter + Markdown) and {@code experiment.json} (presets), and
 * optionally pictures and data files ({@code *.csv}, read once and kept with the lesson: {@link LessonData}).
 *
 * <p>Everything is checked and every problem collected before anything is served: {@link #load} throws a
 * {@link LessonException} listing them all, each naming its file and field. Hidden entries ({@code .git}) and
 * plain files at the top of the folder ({@code README.md}) are ignored; anything else unexpected is a problem.
 * A symbolic link is followed only inside the lessons folder, and a lesson file must be a regular file
 * ({@link LessonFiles}). Every file is bounded in size. Works on any {@link Path}, including one inside the
 * application's jar.
 */
public final class LessonLoader {

    /** The largest lesson file read. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    /** The experiment file of a lesson folder. */
    public static final String EXPERIMENT_FILE = "experiment.json";

    private static final Pattern FOLDER = Pattern.compile("(\\d{2})-(.*)");

    private final PresetReader presets;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    /** A loader that validates preset specs against {@code limits} (the server's) and the engine's work ceilings. */
    public LessonLoader(Limits limits) {
        this(limits, WorkLimits.ENGINE);
    }

    /** A loader that validates presets against a server's {@code limits} and its bounds on one computation. */
    public LessonLoader(Limits limits, WorkLimits work) {
        this.presets = new PresetReader(limits, work);
    }

    /**
     * What a check of a lessons folder found: the lessons that loaded, every problem, and the presets of every
     * {@code experiment.json} that loaded, by file ({@code 02-momentum/experiment.json}), also of lessons with
     * problems elsewhere, so their claims can be checked in the same run.
     */
    public record Result(List<Lesson> lessons, List<LessonProblem> problems, Map<String, List<Preset>> presets) {
        public Result {
            lessons = List.copyOf(lessons);
            problems = List.copyOf(problems);
            presets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(presets));
        }

        /** A result without presets of lessons that have problems. */
        public Result(List<Lesson> lessons, List<LessonProblem> problems) {
            this(lessons, problems, Map.of());
        }
    }

    /** The course in {@code folder}, or a {@link LessonException} with every problem found. */
    public Course load(Path folder) {
        Result result = check(folder);
        if (!result.problems().isEmpty()) {
            throw new LessonException(folder.toString(), result.problems());
        }
        return new Course(result.lessons());
    }

    /** Reads every lesson in {@code folder} and collects every problem, without throwing. */
    public Result check(Path folder) {
        List<LessonProblem> problems = new ArrayList<>();
        List<Lesson> lessons = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(new LessonProblem("", "", "the lessons folder " + folder + " does not exist or is not a folder"));
            return new Result(lessons, problems);
        }
        LessonFiles files;
        try {
            files = new LessonFiles(folder);
        } catch (IOException e) {
            problems.add(new LessonProblem("", "", "cannot read the lessons folder " + folder + ": " + e.getMessage()));
            return new Result(lessons, problems);
        }
        Map<String, List<Preset>> presetsByFile = new java.util.LinkedHashMap<>();
        LessonPictures folderPictures = new LessonPictures();
        LessonData data = new LessonData();
        Map<Integer, String> orders = new HashMap<>();
        Map<String, String> slugs = new HashMap<>();
        for (Path entry : list(folder, problems, "")) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (files.entry(entry) instanceof LessonFiles.Found.Refused refused) {
                problems.add(new LessonProblem(name, "", refused.problem()));
                continue;
            }
            if (!Files.isDirectory(entry)) {
                continue;
            }
            Matcher matcher = FOLDER.matcher(name);
            if (!matcher.matches() || !Lesson.SLUG.matcher(matcher.group(2)).matches()
                    || Integer.parseInt(matcher.group(1)) == 0) {
                problems.add(new LessonProblem(name, "", "a lesson folder must be named NN-slug: NN its position "
                        + "01..99, slug of a-z, 0-9 and single dashes (e.g. 02-momentum)"));
                continue;
            }
            int order = Integer.parseInt(matcher.group(1));
            String slug = matcher.group(2);
            String sameOrder = orders.putIfAbsent(order, name);
            if (sameOrder != null) {
                problems.add(new LessonProblem(name, "", "position " + matcher.group(1) + " is also used by "
                        + sameOrder));
            }
            String sameSlug = slugs.putIfAbsent(slug, name);
            if (sameSlug != null) {
                problems.add(new LessonProblem(name, "", "slug '" + slug + "' is also used by " + sameSlug));
            }
            int before = problems.size();
            Lesson lesson = readLesson(files, entry, name, order, slug, problems, presetsByFile, folderPictures, data);
            if (lesson != null && problems.size() == before) {
                lessons.add(lesson);
            }
        }
        if (lessons.isEmpty() && problems.isEmpty()) {
            problems.add(new LessonProblem("", "", "no lessons in " + folder + " (a lesson is a folder NN-slug)"));
        }
        return new Result(lessons, problems, presetsByFile);
    }

    private Lesson readLesson(LessonFiles files, Path dir, String name, int order, String slug,
                              List<LessonProblem> problems, Map<String, List<Preset>> presetsByFile,
                              LessonPictures folderPictures, LessonData data) {
        List<Path> pictureFiles = new ArrayList<>();
        List<Path> dataFiles = new ArrayList<>();
        for (Path entry : list(dir, problems, name)) {
            String file = entry.getFileName().toString();
            boolean known = file.equals(EXPERIMENT_FILE)
                    || Language.fromCode(file.replaceFirst("\\.md$", "")).isPresent() && file.endsWith(".md");
            if (!file.startsWith(".") && !known && Picture.Type.ofName(file).isPresent()) {
                pictureFiles.add(entry);
            } else if (!file.startsWith(".") && !known && LessonData.isDataFile(file)) {
                dataFiles.add(entry);
            } else if (!file.startsWith(".") && !known) {
                problems.add(new LessonProblem(name + "/" + file, "", "unexpected file; a lesson folder holds "
                        + "en.md, zh.md, " + EXPERIMENT_FILE + ", pictures (.png, .jpg, .jpeg, .webp, .svg) and data "
                        + "files (.csv)"));
            }
        }
        Map<String, Picture> pictures = folderPictures.read(files, name, pictureFiles, problems);
        DataFolder lessonData = data.read(files, name, dataFiles, problems);
        Map<Language, LessonText> texts = new EnumMap<>(Language.class);
        Set<Language> written = EnumSet.noneOf(Language.class);
        for (Language language : Language.values()) {
            Path file = dir.resolve(language.code() + ".md");
            String label = name + "/" + language.code() + ".md";
            LessonFiles.Found found = files.file(file);
            if (found instanceof LessonFiles.Found.Absent) {
                continue;
            }
            written.add(language);
            if (found instanceof LessonFiles.Found.Refused refused) {
                problems.add(new LessonProblem(label, "", refused.problem()));
                continue;
            }
            try {
                String source = read(file);
                List<FieldException> frontProblems = new ArrayList<>();
                FrontMatter front = FrontMatter.parse(source, frontProblems);
                frontProblems.forEach(e -> problems.add(new LessonProblem(label, e.field(), e.problem())));
                if (front == null) {
                    continue;
                }
                int before = problems.size();
                if (front.order() != order) {
                    problems.add(new LessonProblem(label, "order", "must equal the folder's position " + order
                            + ", got " + front.order()));
                }
                if (front.body().isBlank()) {
                    problems.add(new LessonProblem(label, "", "has no text after the front matter"));
                }
                int firstLine = front.bodyLine(source);
                String html = markdown.render(front.body(),
                        (destination, line) -> LessonPictures.target(destination, slug, pictures, pictureFiles, label,
                                firstLine + line - 1, problems),
                        (destination, line) -> LessonPictures.namesPicture(destination) ? LessonPictures.target(
                                destination, slug, pictures, pictureFiles, label, firstLine + line - 1, problems)
                                : destination);
                if (problems.size() == before) {
                    texts.put(language, new LessonText(language, front.title(), front.summary(), html));
                }
            } catch (IOException e) {
                problems.add(new LessonProblem(label, "", e.getMessage()));
            }
        }
        if (written.isEmpty()) {
            problems.add(new LessonProblem(name, "", "needs its text in at least one language: en.md or zh.md"));
            return null;
        }
        String label = name + "/" + EXPERIMENT_FILE;
        Path experimentFile = dir.resolve(EXPERIMENT_FILE);
        LessonFiles.Found found = files.file(experimentFile);
        if (found instanceof LessonFiles.Found.Absent) {
            problems.add(new LessonProblem(label, "", "is missing; every lesson has at least one experiment preset"));
            return null;
        }
        if (found instanceof LessonFiles.Found.Refused refused) {
            problems.add(new LessonProblem(label, "", refused.problem()));
            return null;
        }
        List<Preset> lessonPresets;
        int beforePresets = problems.size();
        try {
            JsonNode document = SpecReader.parse(read(experimentFile));
            lessonPresets = presets.read(document, written, lessonData,
                    e -> problems.add(new LessonProblem(label, e.field(), e.problem())));
        } catch (FieldException e) {
            problems.add(new LessonProblem(label, e.field(), e.problem()));
            return null;
        } catch (IOException e) {
            problems.add(new LessonProblem(label, "", e.getMessage()));
            return null;
        }
        if (problems.size() == beforePresets) {                 // every preset, so indices are the file's
            presetsByFile.put(label, lessonPresets);
        }
        if (lessonPresets.isEmpty() || texts.size() < written.size()) {
            return null;
        }
        return new Lesson(order, slug, texts, lessonPresets, pictures, lessonData);
    }

    /** The entries of a folder by name; a problem (and nothing) when it cannot be listed. */
    private static List<Path> list(Path dir, List<LessonProblem> problems, String label) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            problems.add(new LessonProblem(label, "", "cannot list the folder: " + e.getMessage()));
            return List.of();
        }
    }

    /** A text file, UTF-8 (strictly), at most {@value #MAX_FILE_BYTES} bytes, BOM dropped, line ends {@code \n}. */
    static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException("is " + size + " bytes; a lesson file may have at most " + MAX_FILE_BYTES);
        }
        return text(Files.readAllBytes(file));
    }

    /** {@code bytes} as strict UTF-8 text, without a byte-order mark, with {@code \n} line ends. */
    static String text(byte[] bytes) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("is not valid UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
