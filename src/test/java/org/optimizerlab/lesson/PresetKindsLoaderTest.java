package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.testing.TestLessons.edit;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.testing.TestLessons;

/**
 * Loading the presets of the initialization and tuning lessons' kinds (test course {@code lessons/kinds}): races on
 * training problems with problem-field controls, activation studies and searches; and one deliberate mistake at a
 * time, each with the file, the field and the message.
 */
class PresetKindsLoaderTest {

    private static final Limits LIMITS = new Limits(100_000, 8);
    private static final String RACE = "91-training-race/experiment.json";
    private static final String STUDY = "92-activations/experiment.json";
    private static final String SEARCH = "93-search/experiment.json";

    @TempDir
    Path temp;

    private static LessonLoader loader() {
        return new LessonLoader(LIMITS, WorkLimits.DEFAULT);
    }

    @Test
    void theKindsCourseLoadsWithEveryKindOfControl() {
        Course course = loader().load(TestLessons.folder("kinds"));
        assertThat(course.lessons()).extracting(Lesson::slug).containsExactly("training-race", "activations", "search");

        Preset race = course.lesson("training-race").orElseThrow().presets().get(0);
        assertThat(race.kind()).isEqualTo("race");
        assertThat(race.controls().fields().keySet()).containsExactly("lr", "epochs", "batch_size", "reg", "hidden",
                "init", "activation");
        assertThat(race.controls().fields().get("init"))
                .isEqualTo(new ControlField.Choice(List.of("small", "xavier", "he", "zeros")));
        assertThat(race.controls().fields().get("hidden"))
                .isEqualTo(new ControlField.Slider(10, 200, 10.0, ControlField.Scale.LINEAR));
        assertThat(race.claim()).isEqualTo(new TrainingClaim.FinalAccuracyGreater("adam", "sgd",
                TrainingClaim.Split.VALIDATION, 0.2));

        Preset study = course.lesson("activations").orElseThrow().presets().get(0);
        assertThat(study.setup()).isInstanceOf(Setup.Activations.class);
        assertThat(((Setup.Activations) study.setup()).study().config().layers()).isEqualTo(10);
        assertThat(study.controls().optimizers()).isEmpty();
        assertThat(study.controls().maxRuns()).isEqualTo(1);
        assertThat(study.claim()).isEqualTo(new ActivationClaim.StdRatio(10, 1, 0.5, 2.0));
        assertThat(course.lesson("activations").orElseThrow().presets().get(1).claim())
                .isEqualTo(new ActivationClaim.StdRatio(10, 1, null, 1e-5));

        Preset search = course.lesson("search").orElseThrow().presets().get(0);
        SearchSpec spec = ((Setup.Search) search.setup()).search();
        assertThat(spec.totalTrials()).isEqualTo(24);
        assertThat(search.controls().refine()).isTrue();
        assertThat(search.controls().fields().keySet()).containsExactly("trials", "refine_trials", "epochs", "lr",
                "reg", "hidden");
        assertThat(search.claim()).isEqualTo(new SearchClaim.BestValAccuracyAbove(0.9));
    }

    static Arguments mistake(String name, Consumer<Path> breakIt, String file, String field, String problem) {
        return Arguments.of(name, breakIt, file, field, problem);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // races on training problems: problem fields, epochs, training claims
                mistake("unknown field lists the problem's", dir -> edit(dir.resolve(RACE), "\"reg\": {\"min\"",
                        "\"rate\": {\"min\""), RACE, "presets[0].controls.fields.rate", "unknown control field; allowed: "
                        + "lr, mu, decay_rate, eps, steps, epochs, batch_size, every, factor, k, T, lr_min, warmup, and the fields of the "
                        + "problem 'mlp-spiral': classes, points_per_class, hidden, activation, reg, dropout, init, "
                        + "bias_init, validation"),
                mistake("options for a number", dir -> edit(dir.resolve(RACE), "\"hidden\": {\"min\": 10, \"max\": 200, \"step\": 10}",
                        "\"hidden\": {\"options\": [\"10\", \"50\"]}"), RACE, "presets[0].controls.fields.hidden.options",
                        "hidden is a number: give it a slider {\"min\", \"max\"}, not options"),
                mistake("a slider for named values", dir -> edit(dir.resolve(RACE), "\"activation\": {\"options\": [\"relu\", \"tanh\"]}",
                        "\"activation\": {\"min\": 0, \"max\": 1}"), RACE, "presets[0].controls.fields.activation",
                        "activation takes named values: give it {\"options\": [...]}, not a slider"),
                mistake("an option the engine refuses", dir -> edit(dir.resolve(RACE), "\"he\", \"zeros\"]",
                        "\"he\", \"zeros\", \"orthogonal\"]"), RACE, "presets[0].controls.fields.init.options[4]",
                        "must be a value accepted for init with the rest of the spec, got 'orthogonal' "
                        + "(problem.init: must be one of small, xavier, he, zeros; got 'orthogonal')"),
                mistake("a slider end the engine refuses", dir -> edit(dir.resolve(RACE), "\"max\": 200, \"step\": 10",
                        "\"max\": 2000, \"step\": 10"), RACE, "presets[0].controls.fields.hidden.max",
                        "must be a value accepted for hidden with the rest of the spec, got 2000 "
                        + "(problem.hidden: must be an integer in 1..1000, got 2000)"),
                mistake("a slider over a list of widths", dir -> edit(dir.resolve(RACE),
                        "{\"type\": \"mlp-spiral\", \"hidden\": 50, \"init\": \"he\", \"reg\": 0.001}",
                        "{\"type\": \"mlp-spiral\", \"hidden\": [50, 20], \"init\": \"he\", \"reg\": 0.001}"), RACE,
                        "presets[0].controls.fields.hidden", "hidden is a list (one width per hidden layer): a slider "
                        + "sets one number; leave the control out (the page's network editor sets the widths) or give "
                        + "one hidden layer"),
                mistake("one option only", dir -> edit(dir.resolve(RACE), "\"options\": [\"relu\", \"tanh\"]",
                        "\"options\": [\"relu\"]"), RACE, "presets[0].controls.fields.activation.options",
                        "must offer at least two values, got 1"),
                mistake("the spec's value outside a problem slider", dir -> edit(dir.resolve(RACE),
                        "\"reg\": {\"min\": 0,", "\"reg\": {\"min\": 0.01,"), RACE, "presets[0].spec.problem.reg",
                        "is 0.001, outside its control's range [0.01, 0.1]"),
                mistake("the spec's value not among the options", dir -> edit(dir.resolve(RACE),
                        "[\"small\", \"xavier\", \"he\", \"zeros\"]", "[\"small\", \"xavier\"]"), RACE,
                        "presets[0].spec.problem.init", "is 'he', not among its control's options (small, xavier)"),
                mistake("a steps control on a spec in epochs", dir -> edit(dir.resolve(RACE), "\"epochs\": {\"min\"",
                        "\"steps\": {\"min\""), RACE, "presets[0].controls.fields.steps",
                        "the spec gives epochs, not steps; offer a control for epochs instead"),
                mistake("more epochs than the server's steps", dir -> edit(dir.resolve(RACE),
                        "\"epochs\": {\"min\": 5, \"max\": 100", "\"epochs\": {\"min\": 5, \"max\": 10000"), RACE,
                        "presets[0].controls.fields.epochs.max", "must keep epochs × updates per epoch within the "
                        + "server's 100000 steps: at batch size 10 an epoch is 24 updates, so at most 4166 epochs, got 10000"),
                mistake("refine on a race", dir -> edit(dir.resolve(RACE), "\"maxRuns\": 3", "\"maxRuns\": 3, \"refine\": true"),
                        RACE, "presets[0].controls.refine", "only a search preset has a coarse-to-fine round to switch"),
                mistake("a ratio claim on a bias", dir -> edit(dir.resolve(RACE), "\"layer\": \"W1\"", "\"layer\": \"b1\""),
                        RACE, "presets[1].claim.check.layer", "must be a weight block of the problem (W1, W2), got 'b1'"),
                mistake("a validation claim without validation points", dir -> edit(dir.resolve(RACE),
                        "\"init\": \"he\", \"reg\": 0.001}", "\"init\": \"he\", \"reg\": 0.001, \"validation\": 0}"),
                        RACE, "presets[0].claim.check.split", "the problem holds out no validation points"),
                mistake("a search spec in a race preset", dir -> edit(dir.resolve(SEARCH), "\"kind\": \"search\",", ""),
                        SEARCH, "presets[0].spec", "is a spec of kind search, but the preset's kind is race; set \"kind\": \"search\""),
                // activation studies
                mistake("study sliders that together do too much", dir -> edit(dir.resolve(STUDY),
                        "\"width\": {\"min\": 10, \"max\": 500", "\"width\": {\"min\": 10, \"max\": 700"), STUDY,
                        "presets[0].controls.fields", "the largest values together (layers 20, width 700) are more than "
                        + "this server computes for one study: problem.samples: samples * width² * layers must be at "
                        + "most 1000000000, got 200 * 700² * 20 = 1960000000"),
                mistake("a study field that does not exist", dir -> edit(dir.resolve(STUDY), "\"layers\": {\"min\": 2, \"max\": 20, \"step\": 1}}}",
                        "\"lr\": {\"min\": 2, \"max\": 20, \"step\": 1}}}"), STUDY, "presets[1].controls.fields.lr",
                        "unknown control field of an activation study; allowed: layers, width, activation, init, samples, bins"),
                mistake("optimizers on a study", dir -> edit(dir.resolve(STUDY), "\"controls\": {\"fields\": {\"init\": {\"options\": [\"small\", \"xavier\", \"he\"]}",
                        "\"controls\": {\"optimizers\": [\"sgd\"], \"fields\": {\"init\": {\"options\": [\"small\", \"xavier\", \"he\"]}"),
                        STUDY, "presets[1].controls.optimizers", "an activations preset runs no optimizer; leave it out"),
                mistake("a layer the network lacks", dir -> edit(dir.resolve(STUDY), "\"layer\": 10, \"relative_to\": 1",
                        "\"layer\": 11, \"relative_to\": 1"), STUDY, "presets[0].claim.check.layer",
                        "must be a layer of the spec's network (1..10), got 11"),
                mistake("a ratio claim without bounds", dir -> edit(dir.resolve(STUDY), "\"layer\": 10, \"below\": 1e-5",
                        "\"layer\": 10"), STUDY, "presets[1].claim.check.below", "give above, below or both"),
                mistake("a race claim on a study", dir -> edit(dir.resolve(STUDY), "\"type\": \"activation_std_ratio\", \"layer\": 10, \"below\": 1e-5",
                        "\"type\": \"diverges\", \"run\": \"x\""), STUDY, "presets[1].claim.check.type",
                        "'diverges' is not a claim about an activations; use one of activation_std_ratio"),
                mistake("a study beyond the server's work", dir -> edit(dir.resolve(STUDY), "\"layers\": 10, \"width\": 200, \"activation\": \"relu\"",
                        "\"layers\": 20, \"width\": 1000, \"activation\": \"relu\""), STUDY, "presets[0].spec.problem.samples",
                        "samples * width² * layers must be at most 1000000000, got 200 * 1000² * 20 = 4000000000"),
                // searches
                mistake("more trials than the server runs", dir -> edit(dir.resolve(SEARCH), "\"trials\": 16,", "\"trials\": 70,"),
                        SEARCH, "presets[0].spec.search.refine.trials",
                        "all trials (both rounds) must be at most 60 on this server, got 78"),
                mistake("search sliders that together do too much", dir -> edit(dir.resolve(SEARCH),
                        "\"trials\": {\"min\": 4, \"max\": 30", "\"trials\": {\"min\": 4, \"max\": 50"), SEARCH,
                        "presets[0].controls.fields", "the largest values together (trials 50, refine_trials 20, epochs "
                        + "100, hidden 100) are more than this server runs for one search: search.refine.trials: all "
                        + "trials (both rounds) must be at most 60 on this server, got 70"),
                mistake("a range the engine refuses", dir -> edit(dir.resolve(SEARCH),
                        "\"reg\": {\"min\": 1e-6, \"max\": 10, \"scale\": \"log\"}", "\"reg\": {\"min\": 0, \"max\": 10}"),
                        SEARCH, "presets[0].controls.fields.reg", "must bound a range the engine accepts for search.reg, "
                        + "got [0, 10] (search.reg[0]: must be > 0 (drawn on a log scale), got 0)"),
                mistake("the spec's range outside its control", dir -> edit(dir.resolve(SEARCH), "\"lr\": {\"min\": 1e-5,",
                        "\"lr\": {\"min\": 1e-3,"), SEARCH, "presets[0].spec.search.lr[0]",
                        "is 1.0E-4, outside its control's range [0.001, 10]"),
                mistake("refine trials without a second round", dir -> {
                    edit(dir.resolve(SEARCH), ", \"refine\": {\"trials\": 8}", "");
                    edit(dir.resolve(SEARCH), "\"refine\": true", "\"refine\": false");
                }, SEARCH, "presets[0].controls.fields.refine_trials", "the search has no coarse-to-fine round"),
                mistake("a search field that does not exist", dir -> edit(dir.resolve(SEARCH), "\"hidden\": {\"min\": 10",
                        "\"mu\": {\"min\": 10"), SEARCH, "presets[0].controls.fields.mu", "unknown control field of a "
                        + "search; allowed: trials, refine_trials, epochs, batch_size, lr, reg, and the problem's "
                        + "fields: classes, points_per_class, hidden, activation, dropout, init, bias_init, validation"),
                mistake("an lr range upside down in a claim", dir -> edit(dir.resolve(SEARCH),
                        "\"type\": \"best_val_accuracy_above\", \"value\": 0.9", "\"type\": \"best_lr_within\", \"low\": 0.1, \"high\": 0.01"),
                        SEARCH, "presets[0].claim.check.high", "must be > low (0.1), got 0.01"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsReportedWithItsFileAndField(String name, Consumer<Path> breakIt, String file, String field,
                                                  String problem) {
        Path course = TestLessons.copy("kinds", temp);
        breakIt.accept(course);
        LessonLoader.Result result = loader().check(course);
        assertThat(result.problems()).as(name).hasSize(1);
        LessonProblem found = result.problems().get(0);
        assertThat(found.file()).as(name).isEqualTo(file);
        assertThat(found.field()).as(name).isEqualTo(field);
        assertThat(found.problem()).as(name).startsWith(problem);
    }

    @Test
    void theServersWorkLimitsApplyToPresets() {
        WorkLimits small = new WorkLimits(100_000_000L, 10, 50, 1_000_000_000L, WorkLimits.DEFAULT_MAX_UPDATE_WORK);
        LessonLoader.Result result = new LessonLoader(LIMITS, small).check(TestLessons.folder("kinds"));
        assertThat(result.problems()).extracting(LessonProblem::toString).containsExactly(
                STUDY + ": presets[0].controls.fields.layers.max: must be a value accepted for layers with the rest of "
                        + "the spec, got 20 (problem.samples: samples * width² * layers must be at most 100000000 on "
                        + "this server, got 200 * 200² * 20 = 160000000)",
                STUDY + ": presets[1].controls.fields.layers.max: must be a value accepted for layers with the rest of "
                        + "the spec, got 20 (problem.samples: samples * width² * layers must be at most 100000000 on "
                        + "this server, got 200 * 200² * 20 = 160000000)",
                SEARCH + ": presets[0].spec.search.refine.trials: all trials (both rounds) must be at most 10 on "
                        + "this server, got 24");
    }
}
