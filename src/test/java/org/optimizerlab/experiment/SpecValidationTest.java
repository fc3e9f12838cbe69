package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.optim.AdaGrad;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.AmsGrad;
import org.optimizerlab.optim.Momentum;
import org.optimizerlab.optim.Nesterov;
import org.optimizerlab.optim.RmsProp;
import org.optimizerlab.optim.Sgd;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.optim.schedule.StepDecay;
import org.optimizerlab.problem.Quadratic;
import org.optimizerlab.problem.Reddi;
import org.optimizerlab.problem.Rosenbrock;
import org.optimizerlab.validation.FieldException;

/**
 * Every validation rule of the spec (issue 2, "Experiment spec") has a test here that asserts the exact message,
 * field path first: unknown types and fields, missing fields, non-finite numbers, lr, eps, decay_rate, mu, steps,
 * the number of runs, run ids, the start's dimension, bad JSON and wrong JSON types.
 */
class SpecValidationTest {

    /** {@code runs} is spliced into an otherwise valid spec on Rosenbrock. */
    static String spec(String runs) {
        return "{\"problem\": {\"type\": \"rosenbrock\"}, \"start\": [-1.5, 2.0], \"steps\": 10, \"runs\": [" + runs + "]}";
    }

    /** One run with the given optimizer object. */
    static String withOptimizer(String optimizer) {
        return spec("{\"id\": \"a\", \"optimizer\": " + optimizer + "}");
    }

    /** One SGD run with the given schedule object. */
    static String withSchedule(String schedule) {
        return spec("{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.01}, \"schedule\": " + schedule + "}");
    }

    static String error(String json) {
        return error(json, Limits.DEFAULT);
    }

    static String error(String json, Limits limits) {
        try {
            new SpecReader(limits).read(json);
        } catch (FieldException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the spec to be rejected: " + json);
    }

    @Nested
    class ValidSpecs {

        @Test
        void theIssueExampleReadsWithEveryDefaultFilledIn() {
            Experiment e = new SpecReader(Limits.DEFAULT).read("""
                    {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 300, "seed": 42,
                     "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.05},
                               "schedule": {"type": "step", "every": 100, "factor": 0.5}}]}""");
            assertThat(e.problem()).isEqualTo(new Rosenbrock());
            assertThat(e.start()).containsExactly(-1.5, 2.0);
            assertThat(e.steps()).isEqualTo(300);
            assertThat(e.seed()).isEqualTo(42);
            assertThat(e.runs()).containsExactly(new Run("adam", new Adam(0.05, 0.9, 0.999, 1e-8), new StepDecay(100, 0.5)));
        }

        @Test
        void everyOptimizerGetsTheNotesDefaults() {
            Experiment e = new SpecReader(Limits.DEFAULT).read(spec(String.join(",",
                    "{\"id\": \"sgd\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}",
                    "{\"id\": \"momentum\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.1}}",
                    "{\"id\": \"nesterov\", \"optimizer\": {\"type\": \"nesterov\", \"lr\": 0.1}}",
                    "{\"id\": \"adagrad\", \"optimizer\": {\"type\": \"adagrad\", \"lr\": 0.1}}",
                    "{\"id\": \"rmsprop\", \"optimizer\": {\"type\": \"rmsprop\", \"lr\": 0.1}}",
                    "{\"id\": \"adam\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}",
                    "{\"id\": \"amsgrad\", \"optimizer\": {\"type\": \"amsgrad\", \"lr\": 0.1}}",
                    "{\"id\": \"notes\", \"optimizer\": {\"type\": \"amsgrad\", \"lr\": 0.1, \"variant\": \"notes\"}}")));
            assertThat(e.runs()).extracting(Run::optimizer).containsExactly(
                    new Sgd(0.1), new Momentum(0.1, 0.9), new Nesterov(0.1, 0.9), new AdaGrad(0.1, 1e-8),
                    new RmsProp(0.1, 0.9, 1e-8), new Adam(0.1, 0.9, 0.999, 1e-8),
                    new AmsGrad(0.1, 0.9, 0.999, 1e-8, AmsGrad.Variant.PAPER),
                    new AmsGrad(0.1, 0.9, 0.999, 1e-8, AmsGrad.Variant.NOTES));
            assertThat(e.runs()).extracting(Run::schedule).containsOnly(new Constant());
            assertThat(e.seed()).isZero();
        }

        @Test
        void problemDefaultsAndDefaultStart() {
            Experiment quadratic = new SpecReader(Limits.DEFAULT).read("""
                    {"problem": {"type": "quadratic"}, "steps": 5,
                     "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 0.1}}]}""");
            assertThat(quadratic.problem()).isEqualTo(new Quadratic(1, 20));
            assertThat(quadratic.start()).containsExactly(new Quadratic(1, 20).defaultStart());
            Experiment reddi = new SpecReader(Limits.DEFAULT).read("""
                    {"problem": {"type": "reddi", "period": 5}, "epochs": 7,
                     "runs": [{"id": "a", "optimizer": {"type": "amsgrad", "lr": 0.1}}]}""");
            assertThat(reddi.problem()).isEqualTo(new Reddi(1010, -10, 5));
            assertThat(reddi.steps()).as("one update per epoch without data").isEqualTo(7);
            assertThat(reddi.start()).containsExactly(1.0);
        }
    }

    @Nested
    class UnknownTypesAndFields {

        @Test
        void unknownTypes() {
            assertThat(error("{\"problem\": {\"type\": \"sphere\"}, \"steps\": 1, \"runs\": []}")).isEqualTo(
                    "problem.type: must be one of " + String.join(", ", ProblemReader.PROBLEMS) + "; got 'sphere'");
            assertThat(error(withOptimizer("{\"type\": \"adamw\", \"lr\": 0.1}"))).isEqualTo(
                    "runs[0].optimizer.type: must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, amsgrad; got 'adamw'");
            assertThat(error(withSchedule("{\"type\": \"cyclic\"}"))).isEqualTo(
                    "runs[0].schedule.type: must be one of constant, step, exponential, inverse, cosine; got 'cyclic'");
            assertThat(error(withOptimizer("{\"type\": \"amsgrad\", \"lr\": 0.1, \"variant\": \"torch\"}"))).isEqualTo(
                    "runs[0].optimizer.variant: must be one of paper, notes; got 'torch'");
        }

        @Test
        void unknownFieldsListWhatIsAllowed() {
            assertThat(error(spec("{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}")
                    .replace("\"steps\"", "\"stepz\": 3, \"steps\""))).isEqualTo(
                    "stepz: unknown field; allowed: seed, problem, start, batch_size, steps, epochs, runs");
            assertThat(error(withOptimizer("{\"type\": \"sgd\", \"lr\": 0.1, \"mu\": 0.9}")))
                    .isEqualTo("runs[0].optimizer.mu: unknown field; allowed: type, lr");
            assertThat(error(withOptimizer("{\"type\": \"momentum\", \"lr\": 0.1, \"momentum\": 0.9}")))
                    .isEqualTo("runs[0].optimizer.momentum: unknown field; allowed: type, lr, mu");
            assertThat(error(withOptimizer("{\"type\": \"adam\", \"learning_rate\": 0.1, \"lr\": 0.1}")))
                    .isEqualTo("runs[0].optimizer.learning_rate: unknown field; allowed: type, lr, mu, decay_rate, eps");
            assertThat(error(withSchedule("{\"type\": \"step\", \"every\": 5, \"factor\": 0.5, \"k\": 1}")))
                    .isEqualTo("runs[0].schedule.k: unknown field; allowed: type, every, factor, warmup");
            assertThat(error(withSchedule("{\"type\": \"constant\", \"k\": 1}")))
                    .isEqualTo("runs[0].schedule.k: unknown field; allowed: type, warmup");
            assertThat(error(spec("{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}, \"color\": \"red\"}")))
                    .isEqualTo("runs[0].color: unknown field; allowed: id, optimizer, schedule");
            assertThat(error(withOptimizer("{\"type\": \"sgd\", \"lr\": 0.1}").replace("\"rosenbrock\"", "\"rosenbrock\", \"a\": 1")))
                    .isEqualTo("problem.a: unknown field; allowed: type");
            assertThat(error(withOptimizer("{\"type\": \"sgd\", \"lr\": 0.1}").replace("\"rosenbrock\"", "\"quadratic\", \"c\": 1")))
                    .isEqualTo("problem.c: unknown field; allowed: type, a, b");
        }
    }

    @Nested
    class MissingFields {

        @Test
        void requiredFieldsAreNamed() {
            assertThat(error("{\"steps\": 1, \"runs\": []}")).isEqualTo("problem: is required");
            assertThat(error("{\"problem\": {}, \"steps\": 1}")).isEqualTo("problem.type: is required");
            assertThat(error("{\"problem\": {\"type\": \"beale\"}, \"steps\": 1}")).isEqualTo("runs: is required");
            assertThat(error("{\"problem\": {\"type\": \"beale\"}, \"runs\": []}")).isEqualTo("steps: is required (or give epochs)");
            assertThat(error(spec("{\"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}"))).isEqualTo("runs[0].id: is required");
            assertThat(error(spec("{\"id\": \"a\"}"))).isEqualTo("runs[0].optimizer: is required");
            assertThat(error(withOptimizer("{\"lr\": 0.1}"))).isEqualTo("runs[0].optimizer.type: is required");
            assertThat(error(withOptimizer("{\"type\": \"adam\"}"))).isEqualTo("runs[0].optimizer.lr: is required");
            assertThat(error(withSchedule("{\"type\": \"step\", \"factor\": 0.5}"))).isEqualTo("runs[0].schedule.every: is required");
            assertThat(error(withSchedule("{\"type\": \"step\", \"every\": 5}"))).isEqualTo("runs[0].schedule.factor: is required");
            assertThat(error(withSchedule("{\"type\": \"exponential\"}"))).isEqualTo("runs[0].schedule.k: is required");
            assertThat(error(withSchedule("{\"type\": \"inverse\"}"))).isEqualTo("runs[0].schedule.k: is required");
            assertThat(error(withSchedule("{}"))).isEqualTo("runs[0].schedule.type: is required");
        }
    }

    @Nested
    class Nulls {

        /** JSON has no NaN: a page that computed one sends null, which must not quietly become the default. */
        @Test
        void anExplicitNullIsRefusedForRequiredAndOptionalFieldsAlike() {
            String refused = ": must not be null; give a value or leave the field out";
            assertThat(error(withOptimizer("{\"type\": \"adam\", \"lr\": null}"))).isEqualTo("runs[0].optimizer.lr" + refused);
            assertThat(error(withOptimizer("{\"type\": \"adam\", \"lr\": 0.1, \"mu\": null}")))
                    .isEqualTo("runs[0].optimizer.mu" + refused);
            assertThat(error(withSchedule("null"))).isEqualTo("runs[0].schedule" + refused);
            assertThat(error("{\"problem\": {\"type\": \"beale\"}, \"steps\": 1, \"seed\": null, \"runs\": []}"))
                    .isEqualTo("seed" + refused);
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"type\": \"sgd\", \"lr\": NaN}                       | runs[0].optimizer.lr: must be a finite number, got NaN",
                "{\"type\": \"sgd\", \"lr\": Infinity}                  | runs[0].optimizer.lr: must be a finite number, got Infinity",
                "{\"type\": \"sgd\", \"lr\": 1e999}                     | runs[0].optimizer.lr: must be a finite number, got Infinity",
                "{\"type\": \"momentum\", \"lr\": 0.1, \"mu\": -Infinity} | runs[0].optimizer.mu: must be a finite number, got -Infinity",
                "{\"type\": \"adagrad\", \"lr\": 0.1, \"eps\": NaN}     | runs[0].optimizer.eps: must be a finite number, got NaN",
                "{\"type\": \"rmsprop\", \"lr\": 0.1, \"decay_rate\": NaN} | runs[0].optimizer.decay_rate: must be a finite number, got NaN",
                "{\"type\": \"sgd\", \"lr\": 0}                         | runs[0].optimizer.lr: must be > 0, got 0",
                "{\"type\": \"adam\", \"lr\": -0.01}                    | runs[0].optimizer.lr: must be > 0, got -0.01",
                "{\"type\": \"adagrad\", \"lr\": 0.1, \"eps\": 0}       | runs[0].optimizer.eps: must be > 0, got 0",
                "{\"type\": \"amsgrad\", \"lr\": 0.1, \"eps\": -1e-8}   | runs[0].optimizer.eps: must be > 0, got -1.0E-8",
                "{\"type\": \"rmsprop\", \"lr\": 0.1, \"decay_rate\": 0} | runs[0].optimizer.decay_rate: must be in (0, 1), got 0",
                "{\"type\": \"rmsprop\", \"lr\": 0.1, \"decay_rate\": 1} | runs[0].optimizer.decay_rate: must be in (0, 1), got 1",
                "{\"type\": \"adam\", \"lr\": 0.1, \"decay_rate\": 1.5}  | runs[0].optimizer.decay_rate: must be in (0, 1), got 1.5",
                "{\"type\": \"amsgrad\", \"lr\": 0.1, \"decay_rate\": -0.5} | runs[0].optimizer.decay_rate: must be in (0, 1), got -0.5",
                "{\"type\": \"momentum\", \"lr\": 0.1, \"mu\": 1}       | runs[0].optimizer.mu: must be in [0, 1), got 1",
                "{\"type\": \"nesterov\", \"lr\": 0.1, \"mu\": -0.1}    | runs[0].optimizer.mu: must be in [0, 1), got -0.1",
                "{\"type\": \"adam\", \"lr\": 0.1, \"mu\": 1.5}          | runs[0].optimizer.mu: must be in [0, 1), got 1.5",
                "{\"type\": \"amsgrad\", \"lr\": 0.1, \"mu\": 1}        | runs[0].optimizer.mu: must be in [0, 1), got 1",
        })
        void optimizerHyperparameters(String optimizer, String message) {
            assertThat(error(withOptimizer(optimizer))).isEqualTo(message);
        }

        @Test
        void theIssueExampleNamesTheSecondRun() {
            assertThat(error(spec("{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}},"
                    + "{\"id\": \"b\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.1, \"mu\": 1.5}}")))
                    .isEqualTo("runs[1].optimizer.mu: must be in [0, 1), got 1.5");
        }

        @Test
        void nonFiniteStartAndProblemAndScheduleNumbers() {
            String run = "{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}";
            assertThat(error(spec(run).replace("[-1.5, 2.0]", "[-1.5, Infinity]")))
                    .isEqualTo("start[1]: must be a finite number, got Infinity");
            assertThat(error(spec(run).replace("[-1.5, 2.0]", "[NaN, 2.0]")))
                    .isEqualTo("start[0]: must be a finite number, got NaN");
            assertThat(error(spec(run).replace("\"rosenbrock\"", "\"quadratic\", \"a\": NaN")))
                    .isEqualTo("problem.a: must be a finite number, got NaN");
            assertThat(error(spec(run).replace("\"rosenbrock\"", "\"quadratic\", \"b\": 0")))
                    .isEqualTo("problem.b: must be > 0, got 0");
            assertThat(error(spec(run).replace("\"rosenbrock\"}, \"start\": [-1.5, 2.0]", "\"reddi\", \"big\": Infinity}")))
                    .isEqualTo("problem.big: must be a finite number, got Infinity");
            assertThat(error(spec(run).replace("\"rosenbrock\"}, \"start\": [-1.5, 2.0]", "\"reddi\", \"period\": 1}")))
                    .isEqualTo("problem.period: must be an integer in 2..1000000, got 1");
            assertThat(error(withSchedule("{\"type\": \"exponential\", \"k\": NaN}")))
                    .isEqualTo("runs[0].schedule.k: must be a finite number, got NaN");
            assertThat(error(withSchedule("{\"type\": \"inverse\", \"k\": -1}")))
                    .isEqualTo("runs[0].schedule.k: must be >= 0, got -1");
            assertThat(error(withSchedule("{\"type\": \"step\", \"every\": 0, \"factor\": 0.5}")))
                    .isEqualTo("runs[0].schedule.every: must be an integer in 1..2147483647, got 0");
            assertThat(error(withSchedule("{\"type\": \"step\", \"every\": 5, \"factor\": 0}")))
                    .isEqualTo("runs[0].schedule.factor: must be in (0, 1], got 0");
            assertThat(error(withSchedule("{\"type\": \"step\", \"every\": 5, \"factor\": 2}")))
                    .isEqualTo("runs[0].schedule.factor: must be in (0, 1], got 2");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "0          | steps: must be an integer in 1..1000000, got 0",
                "-5         | steps: must be an integer in 1..1000000, got -5",
                "1000001    | steps: must be an integer in 1..1000000, got 1000001",
                "2.5        | steps: must be an integer in 1..1000000, got 2.5",
                "1e12       | steps: must be an integer in 1..1000000, got 1000000000000",
                "99999999999999999999 | steps: must be an integer in 1..1000000, got 99999999999999999999",
                "NaN        | steps: must be an integer in 1..1000000, got NaN",
                "\"300\"    | steps: must be an integer in 1..1000000, got a string (\"300\")",
        })
        void stepsOutside1To1000000(String steps, String message) {
            String json = spec("{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}")
                    .replace("\"steps\": 10", "\"steps\": " + steps);
            assertThat(error(json)).isEqualTo(message);
        }

        @Test
        void stepsAtTheLimitsAreAcceptedAndAServerMayAllowFewer() {
            String json = spec("{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}");
            assertThat(new SpecReader(Limits.DEFAULT).read(json.replace("\"steps\": 10", "\"steps\": 1000000")).steps())
                    .isEqualTo(1_000_000);
            assertThat(new SpecReader(Limits.DEFAULT).read(json.replace("\"steps\": 10", "\"steps\": 1")).steps()).isEqualTo(1);
            assertThat(error(json.replace("\"steps\": 10", "\"steps\": 101"), new Limits(100, 8)))
                    .isEqualTo("steps: must be an integer in 1..100, got 101");
            assertThat(error(json.replace("\"steps\": 10", "\"steps\": 3, \"epochs\": 3")))
                    .isEqualTo("epochs: give either steps or epochs, not both");
        }
    }

    @Nested
    class Runs {

        static String runs(int count) {
            StringBuilder runs = new StringBuilder();
            for (int i = 0; i < count; i++) {
                runs.append(i == 0 ? "" : ",").append("{\"id\": \"r").append(i)
                        .append("\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.01}}");
            }
            return spec(runs.toString());
        }

        @Test
        void oneToEightRuns() {
            assertThat(new SpecReader(Limits.DEFAULT).read(runs(8)).runs()).hasSize(8);
            assertThat(error(runs(9))).isEqualTo("runs: must have 1 to 8 entries, got 9");
            assertThat(error(runs(0))).isEqualTo("runs: must have 1 to 8 entries, got 0");
            assertThat(error(runs(3), new Limits(1000, 2))).isEqualTo("runs: must have 1 to 2 entries, got 3");
        }

        @Test
        void duplicateIds() {
            assertThat(error(spec("{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}},"
                    + "{\"id\": \"b\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.2}},"
                    + "{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}")))
                    .isEqualTo("runs[2].id: duplicate id 'a'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "\"a b\"     | runs[0].id: must match [A-Za-z0-9_-]{1,32}, got 'a b'",
                "\"\"        | runs[0].id: must match [A-Za-z0-9_-]{1,32}, got ''",
                "\"adam+\"   | runs[0].id: must match [A-Za-z0-9_-]{1,32}, got 'adam+'",
                "\"é\"       | runs[0].id: must match [A-Za-z0-9_-]{1,32}, got 'é'",
                "\"abcdefghijklmnopqrstuvwxyz0123456\" | runs[0].id: must match [A-Za-z0-9_-]{1,32}, got 'abcdefghijklmnopqrstuvwxyz0123456'",
                "5           | runs[0].id: must be a string, got 5",
        })
        void malformedIds(String id, String message) {
            assertThat(error(spec("{\"id\": " + id + ", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}"))).isEqualTo(message);
        }

        @Test
        void wellFormedIds() {
            String id = "Adam_lr-0_1abcdefghijklmnopqrstu";             // 32 characters
            assertThat(id).hasSize(32);
            assertThat(new SpecReader(Limits.DEFAULT)
                    .read(spec("{\"id\": \"" + id + "\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}")).runs().get(0).id())
                    .isEqualTo(id);
        }
    }

    @Nested
    class StartAndTypes {

        static final String RUN = "{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}";

        @Test
        void startOfTheWrongDimension() {
            assertThat(error(spec(RUN).replace("[-1.5, 2.0]", "[1, 2, 3]")))
                    .isEqualTo("start: must have 2 numbers for problem 'rosenbrock', got 3");
            assertThat(error(spec(RUN).replace("[-1.5, 2.0]", "[]")))
                    .isEqualTo("start: must have 2 numbers for problem 'rosenbrock', got 0");
            assertThat(error(spec(RUN).replace("\"rosenbrock\"", "\"reddi\"")))
                    .isEqualTo("start: must have 1 numbers for problem 'reddi', got 2");
        }

        @Test
        void wrongJsonTypes() {
            assertThat(error(spec(RUN).replace("[-1.5, 2.0]", "[-1.5, \"2\"]")))
                    .isEqualTo("start[1]: must be a number, got a string (\"2\")");
            assertThat(error(spec(RUN).replace("[-1.5, 2.0]", "{\"x\": 1}")))
                    .isEqualTo("start: must be an array of numbers, got an object");
            assertThat(error(spec(RUN).replace("{\"type\": \"rosenbrock\"}", "\"rosenbrock\"")))
                    .isEqualTo("problem: must be a JSON object, got a string (\"rosenbrock\")");
            assertThat(error("{\"problem\": {\"type\": \"beale\"}, \"steps\": 1, \"runs\": {\"id\": \"a\"}}"))
                    .isEqualTo("runs: must be an array, got an object");
            assertThat(error(spec("5"))).isEqualTo("runs[0]: must be a JSON object, got 5");
            assertThat(error(spec("{\"id\": \"a\", \"optimizer\": [1]}")))
                    .isEqualTo("runs[0].optimizer: must be a JSON object, got an array");
            assertThat(error(withOptimizer("{\"type\": \"sgd\", \"lr\": \"0.1\"}")))
                    .isEqualTo("runs[0].optimizer.lr: must be a number, got a string (\"0.1\")");
            assertThat(error(withOptimizer("{\"type\": \"sgd\", \"lr\": true}")))
                    .isEqualTo("runs[0].optimizer.lr: must be a number, got true");
            assertThat(error(withOptimizer("{\"type\": 5, \"lr\": 0.1}")))
                    .isEqualTo("runs[0].optimizer.type: must be a string, got 5");
            assertThat(error(withOptimizer("{\"type\": \"momentum\", \"lr\": 0.1, \"mu\": [0.9]}")))
                    .isEqualTo("runs[0].optimizer.mu: must be a number, got an array");
            assertThat(error(withSchedule("{\"type\": \"step\", \"every\": 2.5, \"factor\": 0.5}")))
                    .isEqualTo("runs[0].schedule.every: must be an integer in 1..2147483647, got 2.5");
            assertThat(error(spec(RUN).replace("\"steps\": 10", "\"steps\": 10, \"seed\": \"x\"")))
                    .isEqualTo("seed: must be an integer in -9223372036854775808..9223372036854775807, got a string (\"x\")");
            assertThat(error(spec(RUN).replace("\"steps\": 10", "\"steps\": 10, \"batch_size\": 4")))
                    .isEqualTo("batch_size: only applies to problems with a training set; 'rosenbrock' has none");
        }

        @Test
        void badJson() {
            assertThat(error("")).isEqualTo("the spec is empty; expected a JSON object");
            assertThat(error("[1, 2]")).isEqualTo("must be a JSON object, got an array");
            assertThat(error("\"spec\"")).isEqualTo("must be a JSON object, got a string (\"spec\")");
            assertThat(error("{\"problem\": {\"type\": \"beale\"},\n \"steps\": 1,, \"runs\": []}"))
                    .startsWith("not valid JSON: ").endsWith("(line 2, column 13)");
            assertThat(error("{\"problem\": {\"type\": \"beale\"}")).startsWith("not valid JSON: ");
            assertThat(error(spec(RUN) + " {}")).startsWith("not valid JSON: ");
            assertThat(error(withOptimizer("{\"type\": \"sgd\", \"lr\": 0.1, \"lr\": 5}")))
                    .startsWith("not valid JSON: Duplicate field 'lr'");
        }
    }

    @Test
    void recordsReportTheirOwnFieldNamesWhenBuiltDirectly() {
        assertThatThrownBy(() -> new Adam(0.1, 1, 0.999, 1e-8)).isInstanceOf(FieldException.class)
                .hasMessage("mu: must be in [0, 1), got 1");
        assertThatThrownBy(() -> new AmsGrad(0.1, 0.9, 0.999, 1e-8, null)).hasMessage("variant: is required");
        assertThatThrownBy(() -> new Run("a", null, new Constant())).hasMessage("optimizer: is required");
        assertThatThrownBy(() -> new Limits(0, 8)).hasMessage("maxSteps: must be an integer in 1..1000000, got 0");
        assertThatThrownBy(() -> new Limits(10, 9)).hasMessage("maxRuns: must be an integer in 1..8, got 9");
    }
}
