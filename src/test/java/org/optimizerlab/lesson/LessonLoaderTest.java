package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optimizerlab.testing.TestLessons.edit;
import static org.optimizerlab.testing.TestLessons.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.testing.TestLessons;

/** Loading lessons: the valid test course, and one deliberate mistake at a time, each with its message. */
class LessonLoaderTest {

    private static final Limits LIMITS = new Limits(100_000, 8);
    private static final String DESCENT = "01-descent/";
    private static final String EXPERIMENT = DESCENT + "experiment.json";
    private static final String ESTIMATE = "02-english-only/experiment.json";

    @TempDir
    Path temp;

    @Test
    void theValidCourseLoadsInOrderWithEverything() {
        Course course = new LessonLoader(LIMITS).load(TestLessons.folder("valid"));
        assertThat(course.lessons()).extracting(Lesson::slug).containsExactly("descent", "english-only");
        Lesson descent = course.lesson("descent").orElseThrow();
        assertThat(descent.order()).isEqualTo(1);
        assertThat(descent.languages()).containsExactly(Language.EN, Language.ZH);
        assertThat(descent.text(Language.ZH).title()).isEqualTo("梯度下降");
        assertThat(descent.text(Language.EN).summary()).isEqualTo("Follow the slope $-\\nabla f$ downhill, one step at a time.");
        assertThat(descent.text(Language.EN).html()).contains("<table>", "$$v = \\mu v");
        assertThat(descent.presets()).extracting(Preset::id).containsExactly("valley", "blowup");
        Preset valley = descent.presets().get(0);
        assertThat(valley.title(Language.ZH)).isEqualTo("狭长的山谷");
        assertThat(((Setup.Race) valley.setup()).experiment().steps()).isEqualTo(100);
        assertThat(valley.controls().optimizers()).containsExactly("sgd", "momentum", "nesterov");
        assertThat(valley.controls().fields().keySet()).containsExactly("lr", "mu", "steps");
        assertThat(((ControlField.Slider) valley.controls().fields().get("lr")).scale()).isEqualTo(ControlField.Scale.LOG);
        assertThat(valley.controls().maxRuns()).isEqualTo(4);
        assertThat(valley.claim()).isEqualTo(new RaceClaim.FinalLossLess("momentum", "sgd", 0.01));
        assertThat(descent.presets().get(1).controls().maxRuns()).isEqualTo(2);      // default: the spec's runs
        Lesson english = course.lesson("english-only").orElseThrow();
        assertThat(english.languages()).containsExactly(Language.EN);
        assertThat(english.text(Language.ZH).language()).isEqualTo(Language.EN);
        assertThat(course.lesson("nope")).isEmpty();
    }

    /** One mistake: what to break in a copy of the valid course, and the one problem it must cause. */
    static Arguments mistake(String name, Consumer<Path> breakIt, String file, String field, String problem) {
        return Arguments.of(name, breakIt, file, field, problem);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("folder name without position", dir -> rename(dir, "02-english-only", "english-only"),
                        "english-only", "", "a lesson folder must be named NN-slug"),
                mistake("folder position 00", dir -> rename(dir, "02-english-only", "00-english-only"),
                        "00-english-only", "", "a lesson folder must be named NN-slug"),
                mistake("slug with capitals", dir -> rename(dir, "02-english-only", "02-English"),
                        "02-English", "", "a lesson folder must be named NN-slug"),
                mistake("two lessons at one position", dir -> {
                    edit(dir.resolve("02-english-only/en.md"), "order: 2", "order: 1");
                    rename(dir, "02-english-only", "01-other");
                },
                        "01-other", "", "position 01 is also used by 01-descent"),
                mistake("two lessons with one slug", dir -> rename(dir, "02-english-only", "02-descent"),
                        "02-descent", "", "slug 'descent' is also used by 01-descent"),
                mistake("unexpected file", dir -> write(dir.resolve(DESCENT + "notes.txt"), "x"),
                        DESCENT + "notes.txt", "", "unexpected file; a lesson folder holds en.md, zh.md, "
                        + "experiment.json, pictures (.png, .jpg, .jpeg, .webp, .svg) and data files (.csv)"),
                mistake("misspelt text file", dir -> rename(dir, DESCENT + "zh.md", DESCENT + "zh.MD"),
                        DESCENT + "zh.MD", "", "unexpected file"),
                mistake("missing experiment file", dir -> delete(dir.resolve("02-english-only/experiment.json")),
                        "02-english-only/experiment.json", "", "is missing"),
                mistake("front matter order differs from the folder", dir -> edit(dir.resolve(DESCENT + "en.md"),
                        "order: 1", "order: 3"), DESCENT + "en.md", "order", "must equal the folder's position 1, got 3"),
                mistake("no title", dir -> edit(dir.resolve(DESCENT + "zh.md"), "title: 梯度下降\n", ""),
                        DESCENT + "zh.md", "title", "is required"),
                mistake("no body", dir -> write(dir.resolve(DESCENT + "zh.md"),
                        "---\ntitle: T\norder: 1\nsummary: S\n---\n\n  \n"), DESCENT + "zh.md", "", "has no text after the front matter"),
                mistake("not UTF-8", dir -> writeBytes(dir.resolve(DESCENT + "zh.md"), new byte[] {'-', '-', (byte) 0xC3, 0x28}),
                        DESCENT + "zh.md", "", "is not valid UTF-8 text"),
                mistake("too large", dir -> write(dir.resolve(DESCENT + "zh.md"), "x".repeat((int) LessonLoader.MAX_FILE_BYTES + 1)),
                        DESCENT + "zh.md", "", "is 1048577 bytes; a lesson file may have at most 1048576"),
                mistake("experiment not JSON", dir -> edit(dir.resolve(EXPERIMENT), "\"presets\": [", "\"presets\" ["),
                        EXPERIMENT, "", "not valid JSON"),
                mistake("no presets", dir -> write(dir.resolve(EXPERIMENT), "{\"presets\": []}"),
                        EXPERIMENT, "presets", "must have 1 to 20 entries, got 0"),
                mistake("unknown top-level field", dir -> write(dir.resolve(EXPERIMENT), "{\"preset\": []}"),
                        EXPERIMENT, "preset", "unknown field; allowed: presets"),
                mistake("bad preset id", dir -> edit(dir.resolve(EXPERIMENT), "\"id\": \"valley\"", "\"id\": \"Valley!\""),
                        EXPERIMENT, "presets[0].id", "must match [a-z0-9-]{1,32}, got 'Valley!'"),
                mistake("duplicate preset id", dir -> edit(dir.resolve(EXPERIMENT), "\"id\": \"blowup\"", "\"id\": \"valley\""),
                        EXPERIMENT, "presets[1].id", "duplicate preset id 'valley'"),
                mistake("title missing a language of the lesson", dir -> edit(dir.resolve(EXPERIMENT),
                        ", \"zh\": \"狭长的山谷\"", ""), EXPERIMENT, "presets[0].title.zh", "is required"),
                mistake("title in an unknown language", dir -> edit(dir.resolve(EXPERIMENT),
                        "\"zh\": \"狭长的山谷\"", "\"zh\": \"狭长的山谷\", \"fr\": \"Une vallée\""),
                        EXPERIMENT, "presets[0].title.fr", "unknown field; allowed: en, zh"),
                mistake("unknown kind", dir -> edit(dir.resolve(EXPERIMENT), "\"id\": \"valley\",",
                        "\"id\": \"valley\", \"kind\": \"tournament\","), EXPERIMENT, "presets[0].kind", "must be one of race, gradient-estimate, activations, search; got 'tournament'"),
                mistake("invalid spec", dir -> edit(dir.resolve(EXPERIMENT), "\"mu\": 0.9", "\"mu\": 1.5"),
                        EXPERIMENT, "presets[0].spec.runs[1].optimizer.mu", "must be in [0, 1), got 1.5"),
                mistake("spec beyond the server's limits", dir -> edit(dir.resolve(EXPERIMENT), "\"steps\": 300", "\"steps\": 200000"),
                        EXPERIMENT, "presets[1].spec.steps", "must be an integer in 1..100000, got 200000"),
                mistake("unknown offered optimizer", dir -> edit(dir.resolve(EXPERIMENT), "\"nesterov\"]", "\"lion\"]"),
                        EXPERIMENT, "presets[0].controls.optimizers[2]", "must be one of sgd, momentum, nesterov, adagrad"),
                mistake("optimizer offered twice", dir -> edit(dir.resolve(EXPERIMENT), "\"nesterov\"]", "\"sgd\"]"),
                        EXPERIMENT, "presets[0].controls.optimizers[2]", "'sgd' is offered twice"),
                mistake("unknown control field", dir -> edit(dir.resolve(EXPERIMENT), "\"mu\": {\"min\"", "\"beta\": {\"min\""),
                        EXPERIMENT, "presets[0].controls.fields.beta", "unknown control field; allowed: lr, mu, decay_rate"),
                mistake("slider max below min", dir -> edit(dir.resolve(EXPERIMENT), "\"min\": 10, \"max\": 1000",
                        "\"min\": 10, \"max\": 5"), EXPERIMENT, "presets[0].controls.fields.steps.max", "must be > min (10), got 5"),
                mistake("log slider from zero", dir -> edit(dir.resolve(EXPERIMENT), "\"min\": 0.0001, \"max\": 1, \"scale\": \"log\"",
                        "\"min\": 0, \"max\": 1, \"scale\": \"log\""), EXPERIMENT, "presets[0].controls.fields.lr.min",
                        "must be > 0 on a log scale, got 0"),
                mistake("slider reaching a value the engine refuses", dir -> edit(dir.resolve(EXPERIMENT), "\"max\": 0.99",
                        "\"max\": 1"), EXPERIMENT, "presets[0].controls.fields.mu.max",
                        "must be a value every offered optimizer that has it accepts for mu (in [0, 1)), got 1"),
                mistake("slider for a field no offered optimizer has", dir -> edit(dir.resolve(EXPERIMENT),
                        "\"fields\": {\"lr\": {\"min\": 0.001", "\"fields\": {\"mu\": {\"min\": 0.1, \"max\": 0.5}, \"lr\": {\"min\": 0.001"),
                        EXPERIMENT, "presets[1].controls.fields.mu", "none of the offered optimizers (sgd) has a field mu"),
                mistake("steps slider beyond the server's limit", dir -> edit(dir.resolve(EXPERIMENT), "\"max\": 1000, \"step\": 10",
                        "\"max\": 1000000, \"step\": 10"), EXPERIMENT, "presets[0].controls.fields.steps.max",
                        "must be a value the spec accepts for steps (an integer in [1, 100000]), got 1000000"),
                mistake("batch size slider on a problem without data", dir -> edit(dir.resolve(EXPERIMENT),
                        "\"fields\": {\"lr\": {\"min\": 0.001", "\"fields\": {\"batch_size\": {\"min\": 1, \"max\": 10}, \"lr\": {\"min\": 0.001"),
                        EXPERIMENT, "presets[1].controls.fields.batch_size", "only applies to problems with a training set"),
                mistake("spec value outside its slider", dir -> edit(dir.resolve(EXPERIMENT), "\"min\": 0.0001, \"max\": 1,",
                        "\"min\": 0.1, \"max\": 1,"), EXPERIMENT, "presets[0].spec.runs[0].optimizer.lr",
                        "is 0.01, outside its control's range [0.1, 1]"),
                mistake("run with an optimizer not offered", dir -> edit(dir.resolve(EXPERIMENT),
                        "\"optimizers\": [\"sgd\"]", "\"optimizers\": [\"adam\"]"), EXPERIMENT, "presets[1].spec.runs[0].optimizer.type",
                        "'sgd' is not among the offered optimizers (presets[1].controls.optimizers: adam)"),
                mistake("fewer runs allowed than the spec has", dir -> edit(dir.resolve(EXPERIMENT), "\"maxRuns\": 4", "\"maxRuns\": 1"),
                        EXPERIMENT, "presets[0].controls.maxRuns", "must be at least the spec's 2 runs, got 1"),
                mistake("more runs allowed than the server has", dir -> edit(dir.resolve(EXPERIMENT), "\"maxRuns\": 4", "\"maxRuns\": 9"),
                        EXPERIMENT, "presets[0].controls.maxRuns", "must be an integer in 1..8, got 9"),
                mistake("start point on a 1-D problem", dir -> edit(dir.resolve(EXPERIMENT),
                        "\"spec\": {\"problem\": {\"type\": \"quadratic\"}, \"start\": [-2.5, 1.5], \"steps\": 100,",
                        "\"spec\": {\"problem\": {\"type\": \"reddi\"}, \"start\": [0.5], \"steps\": 100,"),
                        EXPERIMENT, "presets[0].controls.start", "can only be true for 2-D problems; 'reddi' has 1 parameter(s)"),
                mistake("schedule without the schedule control", dir -> edit(dir.resolve("02-english-only/experiment.json"),
                        "\"schedule\": true,", ""), "02-english-only/experiment.json", "presets[0].spec.runs[0].schedule",
                        "a schedule needs presets[0].controls.schedule: true"),
                mistake("unknown claim", dir -> edit(dir.resolve(EXPERIMENT), "\"type\": \"diverges\"", "\"type\": \"wins\""),
                        EXPERIMENT, "presets[1].claim.check.type", "must be one of final_loss_less, final_loss_below"),
                mistake("claim about a run the spec lacks", dir -> edit(dir.resolve(EXPERIMENT), "\"run\": \"big\"", "\"run\": \"huge\""),
                        EXPERIMENT, "presets[1].claim.check", "names run 'huge', which the spec does not have; runs: small, big"),
                mistake("claim comparing a run with itself", dir -> edit(dir.resolve(EXPERIMENT), "\"than\": \"sgd\"", "\"than\": \"momentum\""),
                        EXPERIMENT, "presets[0].claim.check.than", "must name another run than 'momentum'"),
                mistake("claim missing a field", dir -> edit(dir.resolve(EXPERIMENT), ", \"factor\": 0.01", ", \"factr\": 0.01"),
                        EXPERIMENT, "presets[0].claim.check.factr", "unknown field; allowed: type, run, than, factor"),
                mistake("claim about a parameter the problem lacks", dir -> edit(dir.resolve("02-english-only/experiment.json"),
                        "\"index\": 0", "\"index\": 2"), "02-english-only/experiment.json", "presets[0].claim.check.index",
                        "must be below the problem's dimension 2, got 2"),
                mistake("rate claim quoting another rate than the map's", dir -> edit(dir.resolve(EXPERIMENT),
                        "\"type\": \"final_loss_less\", \"run\": \"momentum\", \"than\": \"sgd\", \"factor\": 0.01",
                        "\"type\": \"rate_matches\", \"run\": \"momentum\", \"from\": 50, \"to\": 100, \"value\": 0.9, "
                                + "\"tolerance\": 0.01"), EXPERIMENT, "presets[0].claim.check.value",
                        "must be the rate map's prediction for 'momentum', 0.9487, got 0.9"),
                mistake("rate claim past the last step", dir -> edit(dir.resolve(EXPERIMENT),
                        "\"type\": \"final_loss_less\", \"run\": \"momentum\", \"than\": \"sgd\", \"factor\": 0.01",
                        "\"type\": \"rate_matches\", \"run\": \"momentum\", \"from\": 50, \"to\": 101, \"value\": 0.9487, "
                                + "\"tolerance\": 0.01"), EXPERIMENT, "presets[0].claim.check.to",
                        "must be at most the spec's 100 steps, got 101"),
                mistake("rate claim on a diverging run", dir -> edit(dir.resolve(EXPERIMENT), "\"type\": \"diverges\", \"run\": \"big\"",
                        "\"type\": \"rate_matches\", \"run\": \"big\", \"from\": 0, \"to\": 10, \"value\": 0.5, \"tolerance\": 0.1"),
                        EXPERIMENT, "presets[1].claim.check.run", "does not converge: the map's rate for 'big' is 39.0000"),
                mistake("rate map without momentum", dir -> edit(dir.resolve(EXPERIMENT), "\"controls\": {\"optimizers\": [\"sgd\"], ",
                        "\"controls\": {\"rateMap\": true, \"optimizers\": [\"sgd\"], "), EXPERIMENT, "presets[1].controls.rateMap",
                        "the rate map is of momentum or nesterov; offer one of them"),
                mistake("rate map without a mu slider", dir -> {
                    edit(dir.resolve(EXPERIMENT), "\"mu\": {\"min\": 0, \"max\": 0.99, \"step\": 0.01},", "");
                    edit(dir.resolve(EXPERIMENT), "\"maxRuns\": 4,", "\"maxRuns\": 4, \"rateMap\": true,");
                }, EXPERIMENT, "presets[0].controls.rateMap", "the rate map spans the mu slider; add a control for mu"),
                mistake("claim without its text", dir -> edit(dir.resolve(EXPERIMENT), "\"text\": {\"en\": \"With lr = 2 the run diverges.\", \"zh\": \"lr = 2 时运行发散。\"},", ""),
                        EXPERIMENT, "presets[1].claim.text", "is required"),
                mistake("race claim on a gradient estimate", dir -> edit(dir.resolve(ESTIMATE),
                        "\"type\": \"error_slope\", \"value\": -0.5, \"tolerance\": 0.1", "\"type\": \"diverges\", \"run\": \"x\""),
                        ESTIMATE, "presets[1].claim.check.type", "'diverges' is not a claim about a gradient-estimate; use one of error_slope"),
                mistake("estimate claim on a race", dir -> edit(dir.resolve(EXPERIMENT), "\"type\": \"diverges\", \"run\": \"big\"",
                        "\"type\": \"error_slope\", \"value\": -0.5, \"tolerance\": 0.1"), EXPERIMENT, "presets[1].claim.check.type",
                        "'error_slope' is not a claim about a race; use one of final_loss_less, final_loss_below, reaches_first"),
                mistake("invalid estimate spec", dir -> edit(dir.resolve(ESTIMATE), "\"ks\": [1, 2, 4", "\"ks\": [1, 4, 2"),
                        ESTIMATE, "presets[1].spec.ks[2]", "must be an integer in 5..1000, got 2"),
                mistake("race control on an estimate", dir -> edit(dir.resolve(ESTIMATE), "\"repeats\": {\"min\"", "\"lr\": {\"min\""),
                        ESTIMATE, "presets[1].controls.fields.lr", "unknown control field of a gradient estimate; allowed: batch_size, repeats"),
                mistake("optimizers on an estimate", dir -> edit(dir.resolve(ESTIMATE), "\"controls\": {\"fields\": {\"batch_size\"",
                        "\"controls\": {\"optimizers\": [\"sgd\"], \"fields\": {\"batch_size\""), ESTIMATE,
                        "presets[1].controls.optimizers", "a gradient-estimate preset runs no optimizer"),
                mistake("estimate slider without the spec's value", dir -> edit(dir.resolve(ESTIMATE), "\"min\": 10, \"max\": 150",
                        "\"min\": 60, \"max\": 150"), ESTIMATE, "presets[1].controls.fields.repeats", "must include the spec's repeats 50"),
                mistake("estimate slider beyond the data", dir -> edit(dir.resolve(ESTIMATE), "\"max\": 20, \"scale\"",
                        "\"max\": 5000, \"scale\""), ESTIMATE, "presets[1].controls.fields.batch_size.max",
                        "must be a value the estimate accepts for batch_size (an integer in [1, 1000]), got 5000"),
                mistake("estimate sliders that together do too much", dir -> edit(dir.resolve(ESTIMATE),
                        "\"min\": 10, \"max\": 150", "\"min\": 10, \"max\": 500"), ESTIMATE, "presets[1].controls.fields",
                        "the largest slider values together (batch_size 20, repeats 500) are more than an estimate may do: "
                        + "repeats: repeats * max(ks) * batch_size must be at most 1000000, got 500 * 256 * 20 = 2560000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsReportedWithItsFileAndField(String name, Consumer<Path> breakIt, String file, String field,
                                                  String problem) {
        Path course = TestLessons.copy("valid", temp);
        breakIt.accept(course);
        LessonLoader.Result result = new LessonLoader(LIMITS).check(course);
        assertThat(result.problems()).as(name).hasSize(1);
        LessonProblem found = result.problems().get(0);
        assertThat(found.file()).isEqualTo(file);
        assertThat(found.field()).isEqualTo(field);
        assertThat(found.problem()).startsWith(problem);
        assertThatThrownBy(() -> new LessonLoader(LIMITS).load(course)).isInstanceOf(LessonException.class)
                .hasMessageContaining("1 problem in the lessons in " + course)
                .hasMessageContaining(found.toString());
    }

    @Test
    void aDefaultValueOutsideItsSliderIsAlsoCaught() {
        Path course = TestLessons.copy("valid", temp);
        edit(course.resolve(EXPERIMENT), "\"mu\": {\"min\": 0, \"max\": 0.99", "\"mu\": {\"min\": 0, \"max\": 0.5");
        edit(course.resolve(EXPERIMENT), "\"mu\": 0.9}", "\"mu\": 0.4}");
        assertThat(new LessonLoader(LIMITS).check(course).problems()).isEmpty();
        edit(course.resolve(EXPERIMENT), ", \"mu\": 0.4}", "}");                 // momentum's default mu is 0.9
        assertThat(new LessonLoader(LIMITS).check(course).problems()).singleElement().hasToString(
                EXPERIMENT + ": presets[0].spec.runs[1].optimizer.mu: is 0.9, outside its control's range [0, 0.5]");
    }

    @Test
    void aMissingOrEmptyFolderIsAProblem() throws IOException {
        assertThat(new LessonLoader(LIMITS).check(temp.resolve("nowhere")).problems()).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("does not exist or is not a folder"));
        Path empty = Files.createDirectories(temp.resolve("empty"));
        write(empty.resolve("README.md"), "only a readme");
        assertThat(new LessonLoader(LIMITS).check(empty).problems()).singleElement()
                .satisfies(p -> assertThat(p.problem()).startsWith("no lessons in"));
    }

    @Test
    void aLessonWithoutTextIsAProblem() {
        Path course = TestLessons.copy("valid", temp);
        delete(course.resolve("02-english-only/en.md"));
        assertThat(new LessonLoader(LIMITS).check(course).problems()).singleElement()
                .hasToString("02-english-only: needs its text in at least one language: en.md or zh.md");
    }

    @Test
    void everyProblemOfEveryLessonIsCollected() {
        LessonLoader.Result result = new LessonLoader(LIMITS).check(TestLessons.folder("broken"));
        assertThat(result.problems()).extracting(LessonProblem::toString).containsExactly(
                "01-bad-front/en.md: order: must equal the folder's position 1, got 3",
                "01-bad-front/zh.md: title: is required (one line of text)",
                "02-bad-spec/experiment.json: presets[0].spec.runs[1].optimizer.mu: must be in [0, 1), got 1.5",
                "oops: a lesson folder must be named NN-slug: NN its position 01..99, slug of a-z, 0-9 and single dashes (e.g. 02-momentum)");
        assertThat(result.lessons()).extracting(Lesson::slug).containsExactly("false-claim");
    }

    @Test
    void presetsAreCheckedAgainstTheServersLimits() {
        LessonLoader.Result result = new LessonLoader(new Limits(200, 1)).check(TestLessons.folder("valid"));
        assertThat(result.problems()).extracting(LessonProblem::toString).containsExactly(
                "01-descent/experiment.json: presets[0].spec.runs: must have 1 to 1 entries, got 2",
                "01-descent/experiment.json: presets[1].spec.steps: must be an integer in 1..200, got 300");
    }

    /** What stands where a lesson file is expected: one case, the problem it must cause and where. */
    static Stream<Arguments> notRegularFiles() {
        return Stream.of(
                Arguments.of("en.md is a folder", (Consumer<Path>) dir -> makeFolder(dir.resolve(DESCENT + "en.md")),
                        DESCENT + "en.md", "is a folder; a lesson file must be a regular file"),
                Arguments.of("en.md is a link to itself", (Consumer<Path>) dir -> link(dir.resolve(DESCENT + "en.md"),
                        Path.of("en.md")), DESCENT + "en.md", "is a symbolic link that leads nowhere"),
                Arguments.of("en.md is a link to nothing", (Consumer<Path>) dir -> link(dir.resolve(DESCENT + "en.md"),
                        Path.of("gone.md")), DESCENT + "en.md", "is a symbolic link that leads nowhere"),
                Arguments.of("en.md is a link to /etc/passwd", (Consumer<Path>) dir -> link(dir.resolve(DESCENT
                        + "en.md"), Path.of("/etc/passwd")), DESCENT + "en.md", "is a symbolic link to /etc/passwd, "
                        + "outside the lessons folder; links may only point inside it"),
                Arguments.of("experiment.json is a folder", (Consumer<Path>) dir -> makeFolder(dir.resolve(EXPERIMENT)),
                        EXPERIMENT, "is a folder; a lesson file must be a regular file"),
                Arguments.of("a lesson folder is a link loop", (Consumer<Path>) dir -> link(dir.resolve("03-loop"),
                        Path.of("03-loop")), "03-loop", "is a symbolic link that leads nowhere"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRegularFiles")
    void aLessonFileThatIsNotARegularFileInsideTheFolderIsRefusedByName(String name, Consumer<Path> breakIt,
                                                                         String file, String problem) {
        Path course = TestLessons.copy("valid", temp);
        breakIt.accept(course);
        LessonLoader.Result result = new LessonLoader(LIMITS).check(course);
        assertThat(result.problems()).as(name).singleElement().satisfies(found -> {
            assertThat(found.file()).isEqualTo(file);
            assertThat(found.problem()).startsWith(problem);
        });
        assertThatThrownBy(() -> new LessonLoader(LIMITS).load(course)).isInstanceOf(LessonException.class);
    }

    @Test
    void linksLeavingTheFolderAreRefusedEvenToAValidLesson(@TempDir Path outside) {
        Path elsewhere = TestLessons.copy("valid", outside);
        Path course = TestLessons.copy("valid", temp);
        link(course.resolve(DESCENT + "zh.md"), elsewhere.resolve(DESCENT + "zh.md"));
        link(course.resolve("03-elsewhere"), elsewhere.resolve("02-english-only"));
        assertThat(new LessonLoader(LIMITS).check(course).problems()).extracting(LessonProblem::toString)
                .containsExactly(DESCENT + "zh.md: is a symbolic link to " + realPath(elsewhere.resolve(DESCENT
                                + "zh.md")) + ", outside the lessons folder; links may only point inside it",
                        "03-elsewhere: is a symbolic link to " + realPath(elsewhere.resolve("02-english-only"))
                                + ", outside the lessons folder; links may only point inside it");
    }

    @Test
    void aLinkInsideTheFolderIsFollowed() {
        Path course = TestLessons.copy("valid", temp);
        rename(course, DESCENT + "en.md", DESCENT + ".en-source.md");
        link(course.resolve(DESCENT + "en.md"), Path.of(".en-source.md"));
        Course loaded = new LessonLoader(LIMITS).load(course);
        assertThat(loaded.lesson("descent").orElseThrow().languages()).containsExactly(Language.EN, Language.ZH);
    }

    private static void makeFolder(Path file) {
        delete(file);
        try {
            Files.createDirectory(file);
            Files.writeString(file.resolve("inside.md"), "x");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replaces {@code link} (if it exists) by a symbolic link to {@code target}. */
    private static void link(Path link, Path target) {
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void rename(Path dir, String from, String to) {
        try {
            Files.move(dir.resolve(from), dir.resolve(to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
