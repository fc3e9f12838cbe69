package org.optimizerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run command on the activation-study and search kinds of spec. */
class RunCommandKindsTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String spec, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--spec", "-", "--format", format),
                new ByteArrayInputStream(spec.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final String SEARCH = """
            {"problem": {"type": "softmax-spiral", "points_per_class": 20}, "seed": 2, "epochs": 5,
             "optimizer": {"type": "sgd"}, "search": {"trials": 3, "lr": [1e-2, 1], "reg": [1e-4, 1e-2]}}""";

    @Test
    void aSearchPrintsTrialsAsTheyFinishThenTheBest() throws Exception {
        Result result = run(SEARCH, "jsonl");
        assertThat(result.status()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            JsonNode trial = json.readTree(lines[i]);
            assertThat(trial.get("kind").asText()).isEqualTo("trial");
            assertThat(trial.get("val_accuracy").isNumber()).isTrue();
            assertThat(trial.get("dropout").doubleValue()).isZero();
        }
        JsonNode last = json.readTree(lines[3]);
        assertThat(last.get("kind").asText()).isEqualTo("search_result");
        assertThat(last.get("trials").intValue()).isEqualTo(3);
        assertThat(last.get("best").get("trial").isInt()).isTrue();
    }

    @Test
    void aSearchAsCsvMarksTheBestRowAndIsTheSameEveryTime() {
        Result first = run(SEARCH, "csv");
        assertThat(first.status()).isZero();
        String[] lines = first.out().split("\n");
        assertThat(lines[0]).isEqualTo("trial,round,lr,reg,dropout,train_loss,train_accuracy,val_loss,val_accuracy,diverged,best");
        assertThat(lines).hasSize(4);
        assertThat(List.of(lines).stream().filter(l -> l.endsWith(",true")).count()).isEqualTo(1);
        assertThat(run(SEARCH, "csv").out()).isEqualTo(first.out());
    }

    @Test
    void anActivationStudyPrintsOneRowPerLayer() {
        Result result = run("""
                {"problem": {"type": "deep-activations", "layers": 3, "width": 30, "samples": 20, "bins": 4}}""", "csv");
        assertThat(result.status()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines[0]).isEqualTo("layer,mean,std,min,max,h0,h1,h2,h3");
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).startsWith("3,");
    }

    @Test
    void badSpecsOfEveryKindExitWithStatusTwoAndNameTheField() {
        Result search = run(SEARCH.replace("\"trials\": 3", "\"trials\": 0"), "jsonl");
        assertThat(search.status()).isEqualTo(2);
        assertThat(search.err()).isEqualTo("error: invalid spec: search.trials: must be an integer in 1..100, got 0\n");
        Result study = run("{\"problem\": {\"type\": \"deep-activations\", \"init\": \"big\"}}", "csv");
        assertThat(study.status()).isEqualTo(2);
        assertThat(study.err()).startsWith("error: invalid spec: problem.init: must be one of small, xavier, he, zeros");
        assertThat(study.out()).isEmpty();
    }

    @Test
    void aSearchRangeTheProblemRefusesIsOneLineWithStatusTwoNotAFailedTrial() {
        for (String format : List.of("jsonl", "csv")) {
            Result dropout = run(SEARCH.replace("\"type\": \"softmax-spiral\"", "\"type\": \"mlp-spiral\"")
                    .replace("\"reg\": [1e-4, 1e-2]", "\"dropout\": [-0.5, 0]"), format);
            assertThat(dropout.status()).isEqualTo(2);
            assertThat(dropout.err())
                    .isEqualTo("error: invalid spec: search.dropout[0]: must be in [0, 0.9], got -0.5\n");
            assertThat(dropout.out()).isEmpty();
            Result reg = run(SEARCH.replace("\"reg\": [1e-4, 1e-2]", "\"reg\": [1e-4, 1000]"), format);
            assertThat(reg.status()).isEqualTo(2);
            assertThat(reg.err()).isEqualTo("error: invalid spec: search.reg[1]: must be in [0, 100], got 1000\n");
        }
    }
}
