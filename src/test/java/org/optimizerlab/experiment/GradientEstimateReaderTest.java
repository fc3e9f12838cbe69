package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.optimizerlab.train.GradientEstimate;
import org.optimizerlab.train.LinearRegression;
import org.optimizerlab.validation.FieldException;

class GradientEstimateReaderTest {

    @Test
    void readsARequestWithDefaultsAndAnswersInJson() {
        GradientEstimate estimate = GradientEstimateReader.read("""
                {"problem": {"type": "linear-regression", "n": 100, "d": 3}, "seed": 4, "ks": [1, 10, 100]}""");
        assertThat(estimate.problem()).isInstanceOf(LinearRegression.class);
        assertThat(estimate.problem().dimension()).isEqualTo(3);
        assertThat(estimate.at()).containsExactly(0, 0, 0);
        assertThat(estimate.batchSize()).isEqualTo(GradientEstimate.DEFAULT_BATCH_SIZE);
        assertThat(estimate.repeats()).isEqualTo(GradientEstimate.DEFAULT_REPEATS);
        assertThat(estimate.seed()).isEqualTo(4);

        ObjectNode json = TrainingJson.toJson(estimate.compute());
        assertThat(json.get("ks").toString()).isEqualTo("[1,10,100]");
        assertThat(json.get("mean_error").size()).isEqualTo(3);
        assertThat(json.get("mean_error").get(0).doubleValue()).isGreaterThan(json.get("mean_error").get(2).doubleValue());
        assertThat(json.get("full_gradient_norm").doubleValue()).isPositive();
    }

    @Test
    void errorsNameTheFieldOfTheRequest() {
        assertThatThrownBy(() -> GradientEstimateReader.read("""
                {"problem": {"type": "rosenbrock"}}"""))
                .isInstanceOf(FieldException.class)
                .hasMessageStartingWith("problem.type: must be a problem with a training set (linear-regression");
        assertThatThrownBy(() -> GradientEstimateReader.read("""
                {"problem": {"type": "linear-regression", "n": 20}, "batch_size": 30}"""))
                .hasMessage("batch_size: must be an integer in 1..20, got 30");
        assertThatThrownBy(() -> GradientEstimateReader.read("""
                {"problem": {"type": "linear-regression"}, "ks": [1, 2.5]}"""))
                .hasMessage("ks[1]: must be an integer, got 2.5");
        assertThatThrownBy(() -> GradientEstimateReader.read("""
                {"problem": {"type": "linear-regression", "noise": -2}}"""))
                .hasMessage("problem.noise: must be in [0, 1000], got -2");
        assertThatThrownBy(() -> GradientEstimateReader.read("""
                {"problem": {"type": "linear-regression"}, "k": [1]}"""))
                .hasMessageStartingWith("k: unknown field; allowed: seed, problem, at, batch_size, ks, repeats");
        assertThatThrownBy(() -> GradientEstimateReader.read("""
                {"problem": {"type": "linear-regression"}, "ks": [1, 2000]}"""))
                .hasMessage("ks[1]: must be an integer in 2..1000, got 2000");
    }
}
