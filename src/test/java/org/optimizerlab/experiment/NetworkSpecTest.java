package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.ParameterBlock;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.validation.FieldException;

/**
 * The network editor's spec fields: {@code hidden} as a number (one layer, as before) or a list of 1 to 4 widths,
 * and {@code activation}, on {@code mlp-spiral} and {@code csv}; every bad value refused with the field named,
 * and the deep network's parameters counted by the server's work limit.
 */
class NetworkSpecTest {

    private static final String TEMPLATE = """
            {"problem": {"type": "%s", %s}, "steps": 1, "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 0.1}}]}""";

    @TempDir
    Path folder;

    private static Experiment read(String type, String fields) {
        return new SpecReader(Limits.DEFAULT).read(TEMPLATE.formatted(type, fields));
    }

    private static String error(String type, String fields) {
        try {
            read(type, fields);
        } catch (FieldException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal of " + fields);
    }

    @Test
    void aListGivesOneHiddenLayerPerWidth() {
        SpiralClassifier problem = (SpiralClassifier) read("mlp-spiral",
                "\"hidden\": [30, 20, 10], \"activation\": \"tanh\"").problem();
        assertThat(problem.config().hidden()).containsExactly(30, 20, 10);
        assertThat(problem.config().activation()).isEqualTo(Activation.TANH);
        assertThat(problem.layout()).filteredOn(ParameterBlock::weight).extracting(ParameterBlock::name)
                .containsExactly("W1", "W2", "W3", "W4");
        assertThat(problem.dimension()).isEqualTo(2 * 30 + 30 + 30 * 20 + 20 + 20 * 10 + 10 + 10 * 3 + 3);
        assertThat(problem.parameters()).containsEntry("hidden", List.of(30, 20, 10)).containsEntry("activation", "tanh");
    }

    @Test
    void aNumberStillMeansOneHiddenLayerAndIsEchoedAsANumber() {
        SpiralClassifier number = (SpiralClassifier) read("mlp-spiral", "\"hidden\": 40").problem();
        SpiralClassifier list = (SpiralClassifier) read("mlp-spiral", "\"hidden\": [40]").problem();
        assertThat(number.config()).isEqualTo(list.config());
        assertThat(number.parameters()).containsEntry("hidden", 40);
        assertThat(number.defaultStart()).containsExactly(list.defaultStart());
    }

    @Test
    void badWidthsAndActivationsNameTheField() {
        assertThat(error("mlp-spiral", "\"hidden\": []"))
                .isEqualTo("problem.hidden: must have 1 to 4 entries, got 0");
        assertThat(error("mlp-spiral", "\"hidden\": [10, 10, 10, 10, 10]"))
                .isEqualTo("problem.hidden: must have 1 to 4 entries, got 5");
        assertThat(error("mlp-spiral", "\"hidden\": [10, 20, 0]"))
                .isEqualTo("problem.hidden[2]: must be an integer in 1..1000, got 0");
        assertThat(error("mlp-spiral", "\"hidden\": [10, 2.5]"))
                .isEqualTo("problem.hidden[1]: must be an integer in 1..1000, got 2.5");
        assertThat(error("mlp-spiral", "\"hidden\": [10, \"wide\"]"))
                .isEqualTo("problem.hidden[1]: must be an integer in 1..1000, got a string (\"wide\")");
        assertThat(error("mlp-spiral", "\"hidden\": [1001]"))
                .isEqualTo("problem.hidden[0]: must be an integer in 1..1000, got 1001");
        assertThat(error("mlp-spiral", "\"hidden\": \"10,20\""))
                .startsWith("problem.hidden: must be an integer in 1..1000, got a string");
        assertThat(error("mlp-spiral", "\"hidden\": [10, 20], \"activation\": \"sigmoid\""))
                .isEqualTo("problem.activation: must be one of relu, tanh; got 'sigmoid'");
        assertThat(error("mlp-spiral", "\"hidden\": [10, 20], \"activation\": 3"))
                .startsWith("problem.activation: ");
        assertThat(error("softmax-spiral", "\"hidden\": [10]"))
                .startsWith("problem.hidden: unknown field");
    }

    @Test
    void theEngineBoundsTheWorkOfEveryLayer() {
        assertThat(error("mlp-spiral", "\"points_per_class\": 2000, \"hidden\": [500, 500, 500]"))
                .isEqualTo("problem.hidden: points * hidden units must be at most 5000000, got 6000 * 1500");
        assertThat(error("mlp-spiral", "\"points_per_class\": 500, \"hidden\": [1000, 1000, 1000, 1000]"))
                .isEqualTo("problem.hidden: points * hidden units must be at most 5000000, got 1500 * 4000");
        assertThat(error("mlp-spiral", "\"points_per_class\": 400, \"hidden\": [1000, 1000, 1000]"))
                .isEqualTo("problem.hidden: points * weights between hidden layers must be at most 500000000, "
                        + "got 1200 * 2000000");
    }

    @Test
    void theServersLimitCountsTheParametersOfEveryLayer() {
        Experiment one = read("mlp-spiral", "\"hidden\": 100");
        Experiment deep = read("mlp-spiral", "\"hidden\": [100, 100, 100]");
        assertThat(WorkLimits.DEFAULT.check(one)).isSameAs(one);
        assertThat(deep.problem().dimension()).isEqualTo(2 * 100 + 100 + 2 * (100 * 100 + 100) + 100 * 3 + 3).isEqualTo(20803);
        assertThat(WorkLimits.work(deep) / WorkLimits.work(one)).isGreaterThan(30);
        assertThatThrownBy(() -> WorkLimits.DEFAULT.withMaxUpdateWork(5_000_000).check(deep))
                .hasMessageContaining("runs * parameters * (batch_size + 2 * training points) = 1 * 20803 * (240 + 2 * 240)")
                .extracting(e -> ((FieldException) e).field()).isEqualTo("problem");
    }

    @Test
    void aCsvTableTakesTheSameNetworkFields() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "x" : "y").append('\n');
        }
        Files.writeString(folder.resolve("t.csv"), csv);
        SpecReader reader = new SpecReader(Limits.DEFAULT, DataFolder.of(folder));
        CsvClassifier table = (CsvClassifier) reader.read(TEMPLATE.formatted("csv",
                "\"file\": \"t.csv\", \"hidden\": [8, 4], \"activation\": \"tanh\"")).problem();
        assertThat(table.config().hidden()).containsExactly(8, 4);
        assertThat(table.layout()).extracting(ParameterBlock::name).containsExactly("W1", "b1", "W2", "b2", "W3", "b3");
        assertThat(table.layout().get(0).rows()).isEqualTo(2);
        assertThat(table.parameters()).containsEntry("hidden", List.of(8, 4));
        assertThatThrownBy(() -> reader.read(TEMPLATE.formatted("csv", "\"file\": \"t.csv\", \"hidden\": [8, 0]"))
                ).hasMessage("problem.hidden[1]: must be an integer in 1..1000, got 0");
        assertThatThrownBy(() -> reader.read(TEMPLATE.formatted("csv", "\"file\": \"t.csv\", \"activation\": \"gelu\"")))
                .hasMessage("problem.activation: must be one of relu, tanh; got 'gelu'");
        CsvClassifier softmax = (CsvClassifier) reader.read(TEMPLATE.formatted("csv", "\"file\": \"t.csv\"")).problem();
        assertThat(softmax.parameters()).containsEntry("hidden", 0);
    }
}
