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

/** The run command's output on training problems. */
class RunCommandTrainingTest {

    private static String[] run(String spec, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--spec", "-", "--format", format),
                new ByteArrayInputStream(spec.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        return out.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void csvOfARegressionHasEvaluationColumnsAndTheWeights() {
        String[] lines = run("""
                {"problem": {"type": "linear-regression", "n": 10, "d": 2}, "epochs": 2, "batch_size": 4, "seed": 1,
                 "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.1}}]}""", "csv");
        assertThat(lines[0]).isEqualTo("run,step,epoch,lr,loss,train_loss,train_accuracy,val_loss,val_accuracy,p0,p1");
        assertThat(lines).hasSize(1 + 7);
        assertThat(lines[1].split(",", -1)).hasSize(11);
        assertThat(lines[1].split(",", -1)[5]).isNotEmpty();          // evaluated at the start
        assertThat(lines[2].split(",", -1)[5]).isEmpty();             // mid-epoch
        assertThat(lines[3].split(",", -1)[5]).isEmpty();
        assertThat(lines[4].split(",", -1)[5]).isNotEmpty();          // step 3 ends epoch 0 (batches of 4, 4, 2)
        assertThat(lines[4].split(",", -1)[6]).isEmpty();             // a regression has no accuracy
    }

    @Test
    void csvOfANetworkLeavesOutItsHundredsOfWeights() {
        String[] lines = run("""
                {"problem": {"type": "mlp-spiral", "points_per_class": 10, "hidden": 50}, "epochs": 2, "seed": 1,
                 "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.01}}]}""", "csv");
        assertThat(lines[0]).isEqualTo("run,step,epoch,lr,loss,train_loss,train_accuracy,val_loss,val_accuracy");
        assertThat(lines[2].split(",", -1)).hasSize(9).allSatisfy(cell -> assertThat(cell).isNotEmpty());
    }

    @Test
    void jsonlCarriesLayersAndEvaluations() throws Exception {
        String[] lines = run("""
                {"problem": {"type": "softmax-spiral", "points_per_class": 10}, "epochs": 1, "batch_size": 12,
                 "seed": 1, "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.01}}]}""", "jsonl");
        ObjectMapper json = new ObjectMapper();
        assertThat(lines).hasSize(1 + 2);                              // 24 training points: 2 batches of 12
        JsonNode last = json.readTree(lines[lines.length - 1]);
        assertThat(last.get("layers").get(0).get("name").asText()).isEqualTo("W");
        assertThat(last.get("evaluation").get("val_accuracy").isNumber()).isTrue();
        assertThat(json.readTree(lines[1]).has("evaluation")).isFalse();
    }
}
