package org.optimizerlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.train.Evaluation;

/**
 * A search on a regression table (the test course {@code regression}, a generated line): trials ranked by the
 * lowest validation loss, their JSON saying so, a classifier's ranking unchanged, and the fields a regression search
 * may not have.
 */
class RegressionSearchTest {

    private static final DataFolder TABLE = DataFolder.of(TestLessons.folder("regression").resolve("01-synthetic"));

    private static String spec(String problemExtra, String searchExtra) {
        return """
                {"problem": {"type": "csv", "file": "synthetic.csv", "task": "regression", "validation": 0.25%s},
                 "seed": 1, "epochs": 20, "batch_size": 9, "optimizer": {"type": "sgd"},
                 "search": {"trials": 6, "lr": [0.0001, 1]%s}}""".formatted(problemExtra, searchExtra);
    }

    private static SearchSpec read(String json) {
        return SearchReader.read(SpecReader.parse(json), TABLE);
    }

    private static Trial trial(int index, double valAccuracy, double valLoss, boolean diverged, SearchMetric metric) {
        OptionalDouble accuracy = Double.isNaN(valAccuracy) ? OptionalDouble.empty() : OptionalDouble.of(valAccuracy);
        Evaluation evaluation = new Evaluation(1.0, accuracy, OptionalDouble.of(valLoss), accuracy);
        return new Trial(index, 1, 0.01, 0, 0, evaluation, diverged, metric);
    }

    @Test
    void trialsRankedByValidationLossPutTheLowestFirstAndTheDivergedLast() {
        List<Trial> trials = List.of(trial(0, Double.NaN, 0.30, false, SearchMetric.VALIDATION_LOSS),
                trial(1, Double.NaN, 0.05, true, SearchMetric.VALIDATION_LOSS),
                trial(2, Double.NaN, 0.07, false, SearchMetric.VALIDATION_LOSS),
                trial(3, Double.NaN, 0.07, false, SearchMetric.VALIDATION_LOSS),
                trial(4, Double.NaN, 2.50, false, SearchMetric.VALIDATION_LOSS));
        assertThat(trials.stream().sorted(Trial.BEST_FIRST).map(Trial::index)).containsExactly(2, 3, 0, 4, 1);
    }

    @Test
    void aClassifiersTrialsAreStillRankedByAccuracyBeforeLoss() {
        List<Trial> trials = List.of(trial(0, 0.80, 0.20, false, SearchMetric.VALIDATION_ACCURACY),
                trial(1, 0.90, 0.60, false, SearchMetric.VALIDATION_ACCURACY),
                trial(2, 0.90, 0.40, false, SearchMetric.VALIDATION_ACCURACY),
                trial(3, 0.99, 0.01, true, SearchMetric.VALIDATION_ACCURACY));
        assertThat(trials.stream().sorted(Trial.BEST_FIRST).map(Trial::index)).containsExactly(2, 1, 0, 3);
    }

    @Test
    void aSearchOnTheTableIsRankedByTheLowestValidationLossAndItsTrialsSaySo() throws InterruptedException {
        SearchSpec search = read(spec("", ""));
        assertThat(search.problem().metric()).isEqualTo(SearchMetric.VALIDATION_LOSS);
        assertThat(search.reg().high()).isZero();
        assertThat(search.dropout().high()).isZero();
        SearchResult result = Search.run(search, Runnable::run, t -> { });
        assertThat(result.trials()).hasSize(6).allSatisfy(t -> {
            assertThat(t.validationAccuracy()).isNaN();
            assertThat(t.validationLoss()).isFinite();
            assertThat(t.metric()).isEqualTo(SearchMetric.VALIDATION_LOSS);
        });
        Trial lowest = result.trials().stream().filter(t -> !t.diverged())
                .min(Comparator.comparingDouble(Trial::validationLoss)).orElseThrow();
        assertThat(result.best()).isEqualTo(lowest);
        // not simply the largest lr nor the first trial: the ranking is by the loss
        assertThat(result.trials().stream().map(Trial::validationLoss).distinct()).hasSize(6);

        JsonNode json = SearchJson.toJson(result.best());
        assertThat(json.get("metric").asText()).isEqualTo("val_loss");
        assertThat(json.get("val_loss").asDouble()).isEqualTo(lowest.validationLoss());
        assertThat(json.get("val_accuracy").isNull()).isTrue();
        assertThat(json.get("train_accuracy").isNull()).isTrue();
    }

    @Test
    void aClassifiersTrialJsonIsUnchanged() {
        JsonNode json = SearchJson.toJson(trial(0, 0.8, 0.2, false, SearchMetric.VALIDATION_ACCURACY));
        assertThat(json.has("metric")).isFalse();
        assertThat(json.get("val_accuracy").asDouble()).isEqualTo(0.8);
    }

    @Test
    void fieldsARegressionSearchCannotHaveAreRefusedByName() {
        assertThatThrownBy(() -> read(spec("", ", \"reg\": [0.001, 0.1]")))
                .hasMessage("search.reg: a regression table's linear model has no reg; a search on it draws lr only "
                        + "(leave reg out)");
        assertThatThrownBy(() -> read(spec("", ", \"dropout\": [0, 0.5]")))
                .hasMessage("search.dropout: a regression table's linear model has no dropout; a search on it draws "
                        + "lr only (leave dropout out)");
        assertThatThrownBy(() -> read(spec("", "").replace("\"validation\": 0.25", "\"validation\": 0")))
                .hasMessage("problem.validation: must be > 0 for a search: trials are ranked by validation loss");
        assertThatThrownBy(() -> read(spec(", \"reg\": 0.1", "")))
                .hasMessageStartingWith("problem.reg: is a field of task classification");
    }
}
