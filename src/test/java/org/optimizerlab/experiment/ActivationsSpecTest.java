package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.optimizerlab.train.DeepActivations;

class ActivationsSpecTest {

    @Test
    void specKindsAreToldApartByContent() {
        assertThat(SpecKind.of(SpecReader.parse("{\"problem\": {\"type\": \"deep-activations\"}}")))
                .isEqualTo(SpecKind.ACTIVATIONS);
        assertThat(SpecKind.of(SpecReader.parse("{\"problem\": {\"type\": \"mlp-spiral\"}, \"search\": {}}")))
                .isEqualTo(SpecKind.SEARCH);
        assertThat(SpecKind.of(SpecReader.parse("{\"problem\": {\"type\": \"rosenbrock\"}}"))).isEqualTo(SpecKind.RACE);
        assertThat(SpecKind.of(SpecReader.parse("[1]"))).isEqualTo(SpecKind.RACE);
    }

    @Test
    void readsAndRunsAnActivationStudy() {
        DeepActivations study = SpecReader.readActivations(SpecReader.parse("""
                {"problem": {"type": "deep-activations", "layers": 4, "width": 50, "activation": "relu",
                             "init": "he", "samples": 30, "bins": 10}, "seed": 8}"""));
        assertThat(study.seed()).isEqualTo(8);
        DeepActivations.Report report = study.run();
        assertThat(report.layers()).hasSize(4);
        assertThat(report.edges()).hasSize(11);
        for (DeepActivations.Layer layer : report.layers()) {
            assertThat(Arrays.stream(layer.counts()).sum()).isEqualTo(30 * 50);
            assertThat(layer.min()).isGreaterThanOrEqualTo(0);              // relu
        }
        assertThat(report.edges()[0]).isEqualTo(0);
        // the same seed gives the same numbers
        assertThat(study.run().layers().get(3).std()).isEqualTo(report.layers().get(3).std());
        ObjectNode json = TrainingJson.toJson(report);
        assertThat(json.get("problem").get("init").asText()).isEqualTo("he");
        assertThat(json.get("layers").get(0).get("counts").size()).isEqualTo(10);
    }

    @Test
    void defaultsAreTheLecturesNetworkAndErrorsNameTheField() {
        DeepActivations study = SpecReader.readActivations(SpecReader.parse("""
                {"problem": {"type": "deep-activations"}}"""));
        assertThat(study.config().parameters()).containsEntry("layers", 10).containsEntry("width", 500)
                .containsEntry("activation", "tanh").containsEntry("init", "xavier");
        assertThatThrownBy(() -> SpecReader.readActivations(SpecReader.parse("""
                {"problem": {"type": "deep-activations", "width": 1000, "samples": 2000}}""")))
                .hasMessageStartingWith("problem.samples: samples * width² * layers must be at most 1000000000");
        assertThatThrownBy(() -> SpecReader.readActivations(SpecReader.parse("""
                {"problem": {"type": "deep-activations", "layers": 50}}""")))
                .hasMessage("problem.layers: must be an integer in 1..20, got 50");
        assertThatThrownBy(() -> SpecReader.readActivations(SpecReader.parse("""
                {"problem": {"type": "deep-activations"}, "steps": 5}""")))
                .hasMessage("steps: unknown field; allowed: seed, problem");
    }
}
