package org.optimizerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;

/**
 * {@code run --spec FILE|- [--format csv|jsonl]} through {@link RunCommand#run} (no System.exit): the CSV and JSONL
 * output against the runner's own records, numbers that read back to the same double, exit status 2 with exactly
 * one line on stderr for every kind of bad input, and the help text.
 */
class RunCommandTest {

    static final String SPEC = """
            {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 40,
             "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.05},
                       "schedule": {"type": "step", "every": 10, "factor": 0.5}},
                      {"id": "nag", "optimizer": {"type": "nesterov", "lr": 0.0003},
                       "schedule": {"type": "exponential", "k": 0.01}},
                      {"id": "wild", "optimizer": {"type": "sgd", "lr": 0.05}}]}""";

    /** What one invocation produced. */
    record Result(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every record of the spec, in the order the command prints them (step by step, runs in spec order). */
    static List<StepRecord> records(String spec) {
        ExperimentRunner runner = new ExperimentRunner(new SpecReader(Limits.DEFAULT).read(spec));
        List<StepRecord> records = new ArrayList<>(runner.initialRecords());
        for (List<StepRecord> next = runner.advance(); !next.isEmpty(); next = runner.advance()) {
            records.addAll(next);
        }
        return records;
    }

    /** Parses a printed number and requires it to be the very same double. */
    static void assertSameDouble(String printed, double expected) {
        assertThat(Double.doubleToLongBits(Double.parseDouble(printed))).as(printed + " reads back to " + expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    @Nested
    class Csv {

        @Test
        void headerThenOneRowPerRunAndStepWithNumbersThatReadBackExactly() {
            Result csv = run(SPEC, "--spec", "-");
            assertThat(csv.status()).isZero();
            assertThat(csv.err()).isEmpty();
            List<String> lines = csv.outLines();
            assertThat(lines.get(0)).isEqualTo("run,step,epoch,lr,loss,p0,p1");
            List<StepRecord> records = records(SPEC);
            assertThat(lines).hasSize(records.size() + 1);
            for (int i = 0; i < records.size(); i++) {
                StepRecord r = records.get(i);
                String[] fields = lines.get(i + 1).split(",", -1);
                assertThat(fields).hasSize(7);
                assertThat(fields[0]).isEqualTo(r.run());
                assertThat(Integer.parseInt(fields[1])).isEqualTo(r.step());
                assertThat(Long.parseLong(fields[2])).isEqualTo(r.epoch());
                assertSameDouble(fields[3], r.lr());
                assertSameDouble(fields[4], r.loss());
                assertSameDouble(fields[5], r.params()[0]);
                assertSameDouble(fields[6], r.params()[1]);
            }
        }

        @Test
        void rowZeroIsTheStartWithTheFirstUpdatesLrAndRowKUsesUpdateKsLr() {
            List<String> adam = run(SPEC, "--spec", "-", "--format", "csv").outLines().stream()
                    .filter(line -> line.startsWith("adam,")).toList();
            assertThat(adam).hasSize(41);
            assertThat(adam.get(0)).startsWith("adam,0,0,0.05,").endsWith(",-1.5,2.0");
            // step decay every 10 epochs: updates 1..10 (epochs 0..9) use 0.05, update 11 (epoch 10) uses 0.025
            assertThat(adam.get(10)).startsWith("adam,10,9,0.05,");
            assertThat(adam.get(11)).startsWith("adam,11,10,0.025,");
            assertThat(adam.get(40)).startsWith("adam,40,39,0.00625,");
        }

        @Test
        void aDivergedRunStopsAtItsDivergenceRowAndTheOthersGoOn() {
            List<String> lines = run(SPEC, "--spec", "-").outLines();
            List<String> wild = lines.stream().filter(line -> line.startsWith("wild,")).toList();
            assertThat(wild.size()).isBetween(2, 40);
            String last = wild.get(wild.size() - 1);
            assertThat(last).containsAnyOf("NaN", "Infinity");
            assertThat(lines.stream().filter(line -> line.startsWith("nag,"))).hasSize(41);
        }

        @Test
        void readsTheSpecFromAFile(@TempDir Path folder) throws IOException {
            Path file = folder.resolve("spec.json");
            Files.writeString(file, SPEC);
            Result fromFile = run("", "--format", "csv", "--spec", file.toString());
            assertThat(fromFile.status()).isZero();
            assertThat(fromFile.out()).isEqualTo(run(SPEC, "--spec", "-").out());
        }
    }

    @Nested
    class Jsonl {

        @Test
        void oneObjectPerRunAndStepWithEverything() throws IOException {
            Result jsonl = run(SPEC, "--spec", "-", "--format", "jsonl");
            assertThat(jsonl.status()).isZero();
            assertThat(jsonl.err()).isEmpty();
            List<String> lines = jsonl.outLines();
            List<StepRecord> records = records(SPEC);
            assertThat(lines).hasSize(records.size());
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < records.size(); i++) {
                StepRecord r = records.get(i);
                JsonNode line = json.readTree(lines.get(i));
                assertThat(lines.get(i)).isEqualTo(json.writeValueAsString(RecordJson.toJson(r)));
                assertThat(line.get("run").asText()).isEqualTo(r.run());
                assertThat(line.get("step").asInt()).isEqualTo(r.step());
                assertThat(line.get("diverged").asBoolean()).isEqualTo(r.diverged());
                for (int p = 0; p < 2; p++) {
                    if (Double.isFinite(r.params()[p])) {
                        assertSameDouble(line.get("params").get(p).asText(), r.params()[p]);
                    } else {
                        assertThat(line.get("params").get(p).isNull()).isTrue();
                    }
                }
                if (r.run().equals("adam") && r.step() > 0) {
                    assertThat(line.get("state").fieldNames()).toIterable()
                            .containsExactly("v", "cache", "effective_lr");
                    assertSameDouble(line.get("state").get("cache").get(1).asText(), r.state().get("cache")[1]);
                    assertSameDouble(line.get("grad_norm").asText(), r.gradNorm());
                }
            }
            JsonNode lastWild = json.readTree(lines.stream().filter(l -> l.contains("\"run\":\"wild\""))
                    .reduce((a, b) -> b).orElseThrow());
            assertThat(lastWild.get("diverged").asBoolean()).isTrue();
        }
    }

    @Nested
    class BadInput {

        @ParameterizedTest
        @CsvSource(delimiter = '#', value = {
                "--bogus                  # error: unknown argument '--bogus' (see: optimizer-lab run --help)",
                "''                       # error: unknown argument '' (see: optimizer-lab run --help)",
                "--format,jsonl # error: --spec FILE|- is required (see: optimizer-lab run --help)",
                "--spec                   # error: --spec needs a value (see: optimizer-lab run --help)",
                "--spec,-,--format # error: --format needs a value (see: optimizer-lab run --help)",
                "--spec,-,--format,xml # error: --format must be csv or jsonl, got 'xml' (see: optimizer-lab run --help)",
                "--spec,/no/such/spec.json # error: spec file not found: /no/such/spec.json",
        })
        void badArgumentsExitWithStatus2AndOneLine(String args, String message) {
            Result result = run(SPEC, args.isEmpty() ? new String[] {""} : args.split(","));
            assertThat(result.status()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo(message + System.lineSeparator());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "''                                           | error: invalid spec: the spec is empty; expected a JSON object",
                "[]                                           | error: invalid spec: must be a JSON object, got an array",
                "{\"problem\": {\"type\": \"beale\"}, \"steps\": 0, \"runs\": [] } | error: invalid spec: steps: must be an integer in 1..1000000, got 0",
                "{\"problem\": {\"type\": \"beale\"}, \"steps\": 3, \"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.1, \"mu\": 1.5}}]} | error: invalid spec: runs[0].optimizer.mu: must be in [0, 1), got 1.5",
                "{\"problem\": {\"type\": \"beale\"}, \"steps\": 3, \"runs\": [{\"id\": \"a\\nb\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}]} | error: invalid spec: runs[0].id: must match [A-Za-z0-9_-]{1,32}, got 'a\\nb'",
                "{\"problem\": {\"type\": \"beale\"}, \"steps\": 3, \"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}], \"ste\\nps\": 3} | error: invalid spec: ste\\nps: unknown field; allowed: seed, problem, start, batch_size, steps, epochs, runs",
        })
        void badSpecsExitWithStatus2AndOneLine(String spec, String message) {
            Result result = run(spec, "--spec", "-");
            assertThat(result.status()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo(message + System.lineSeparator());
        }

        @Test
        void invalidJsonAndUnreadableFilesAreOneLineToo(@TempDir Path folder) {
            for (Result result : List.of(run("{\"steps\": 3,,}", "--spec", "-"), run("{\n\"a\":\n", "--spec", "-"),
                    run("", "--spec", folder.toString()))) {
                assertThat(result.status()).isEqualTo(2);
                assertThat(result.out()).isEmpty();
                assertThat(result.err()).startsWith("error: ").endsWith(System.lineSeparator());
                assertThat(result.err().lines()).hasSize(1);
            }
            assertThat(run("{\"steps\": 3,,}", "--spec", "-").err()).startsWith("error: invalid spec: not valid JSON: ");
            assertThat(run("", "--spec", folder.toString()).err()).startsWith("error: cannot read spec " + folder);
        }
    }

    @Nested
    class Help {

        @ParameterizedTest
        @CsvSource({"--help", "-h"})
        void explainsTheCommandTheFormatsAndTheSpec(String flag) {
            Result result = run("", flag);
            assertThat(result.status()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(result.out()).isEqualTo(RunCommand.HELP);
            assertThat(result.out()).contains("--spec FILE|-", "--format csv", "--format jsonl", "run,step,epoch,lr,loss,p0,p1",
                    "status 2", "sgd {lr}", "momentum {lr, mu=0.9}", "nesterov {lr, mu=0.9}", "adagrad {lr, eps=1e-8}",
                    "rmsprop {lr, decay_rate=0.9, eps=1e-8}", "adam {lr, mu=0.9, decay_rate=0.999, eps=1e-8}",
                    "variant=paper|notes", "step {every, factor}", "exponential {k}", "inverse {k}",
                    "quadratic {a=1, b=20}", "reddi {big=1010, small=-10, period=101}");
        }

        @Test
        void theExampleSpecInTheHelpIsValidAndRuns() {
            String help = RunCommand.HELP;
            String example = help.substring(help.indexOf("Example spec:") + "Example spec:".length(), help.indexOf("Optimizers"));
            Result result = run(example, "--spec", "-");
            assertThat(result.status()).isZero();
            assertThat(result.outLines()).hasSize(302);
        }

        @Test
        void helpWinsOverOtherArguments() {
            assertThat(run("", "--spec", "-", "--help").status()).isZero();
        }
    }

    @Nested
    class Output {

        @Test
        void theCallersStreamIsFlushedButNotClosed() {
            boolean[] closed = {false};
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
            int status = RunCommand.run(List.of("--spec", "-"), input(SPEC), out, new PrintStream(new ByteArrayOutputStream()));
            assertThat(status).isZero();
            assertThat(closed[0]).isFalse();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(run(SPEC, "--spec", "-").out());
        }

        @Test
        void aBrokenOutputStopsTheRunWithStatus1() {
            int[] writes = {0};
            OutputStream broken = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    writes[0]++;
                    throw new IOException("Broken pipe");
                }
            };
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String huge = SPEC.replace("\"steps\": 40", "\"steps\": 1000000");
            int status = RunCommand.run(List.of("--spec", "-"), input(huge), new PrintStream(broken),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: cannot write output").hasLineCount(1);
            assertThat(writes[0]).as("stops at the first failed write instead of running a million steps").isLessThan(5);
        }

        private static InputStream input(String text) {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
