package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optimizerlab.experiment.SpecValidationTest.error;
import static org.optimizerlab.experiment.SpecValidationTest.withSchedule;

import org.junit.jupiter.api.Test;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.optim.schedule.CosineAnnealing;
import org.optimizerlab.optim.schedule.StepDecay;
import org.optimizerlab.optim.schedule.Warmup;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.validation.FieldException;

/** The spec shape of the schedules past the notes ({@code cosine}, and {@code warmup} on any schedule), and its errors. */
class ScheduleSpecTest {

    private static Run read(String schedule) {
        return new SpecReader(Limits.DEFAULT).read(withSchedule(schedule)).runs().get(0);
    }

    @Test
    void cosineAndWarmupReadIntoTheirRecords() {
        assertThat(read("{\"type\": \"cosine\", \"T\": 300}").schedule()).isEqualTo(new CosineAnnealing(300, 0));
        assertThat(read("{\"type\": \"cosine\", \"T\": 300, \"lr_min\": 0.001}").schedule())
                .isEqualTo(new CosineAnnealing(300, 0.001));
        assertThat(read("{\"type\": \"constant\", \"warmup\": 20}").schedule()).isEqualTo(new Warmup(20, new Constant()));
        assertThat(read("{\"type\": \"step\", \"every\": 5, \"factor\": 0.5, \"warmup\": 3}").schedule())
                .isEqualTo(new Warmup(3, new StepDecay(5, 0.5)));
        assertThat(read("{\"type\": \"cosine\", \"T\": 9, \"warmup\": 0}").schedule()).isEqualTo(new CosineAnnealing(9, 0));
    }

    @Test
    void errorsNameTheField() {
        assertThat(error(withSchedule("{\"type\": \"cosine\"}"))).isEqualTo("runs[0].schedule.T: is required");
        assertThat(error(withSchedule("{\"type\": \"cosine\", \"T\": 0}")))
                .isEqualTo("runs[0].schedule.T: must be an integer in 1..2147483647, got 0");
        assertThat(error(withSchedule("{\"type\": \"cosine\", \"T\": 2.5}")))
                .startsWith("runs[0].schedule.T: must be an integer");
        assertThat(error(withSchedule("{\"type\": \"cosine\", \"T\": 10, \"lr_min\": -1}")))
                .isEqualTo("runs[0].schedule.lr_min: must be >= 0, got -1");
        assertThat(error(withSchedule("{\"type\": \"cosine\", \"T\": 10, \"lr_min\": 0.5}")))
                .isEqualTo("runs[0].schedule.lr_min: must be at most the optimizer's lr (0.01), got 0.5");
        assertThat(error(withSchedule("{\"type\": \"cosine\", \"T\": 10, \"lr_min\": 0.5, \"warmup\": 4}")))
                .isEqualTo("runs[0].schedule.lr_min: must be at most the optimizer's lr (0.01), got 0.5");
        assertThat(error(withSchedule("{\"type\": \"constant\", \"warmup\": -1}")))
                .isEqualTo("runs[0].schedule.warmup: must be an integer in 0..2147483647, got -1");
        assertThat(error(withSchedule("{\"type\": \"constant\", \"warmup\": \"20\"}")))
                .startsWith("runs[0].schedule.warmup: ");
        assertThat(error(withSchedule("{\"type\": \"cosine\", \"T\": 10, \"k\": 1}")))
                .isEqualTo("runs[0].schedule.k: unknown field; allowed: type, T, lr_min, warmup");
        assertThat(error(withSchedule("{\"type\": \"constant\", \"warmup\": 5, \"then\": {}}")))
                .isEqualTo("runs[0].schedule.then: unknown field; allowed: type, warmup");
    }

    @Test
    void aSearchsLowestLrMustNotBeBelowTheCosineFloor() {
        String search = """
                {"problem": {"type": "mlp-spiral"}, "epochs": 10, "optimizer": {"type": "adam"},
                 "schedule": {"type": "cosine", "T": 50, "lr_min": %s},
                 "search": {"trials": 4, "lr": [1e-3, 1e-1]}}""";
        assertThatThrownBy(() -> SearchReader.read(search.formatted("0.01"))).isInstanceOf(FieldException.class)
                .hasMessage("schedule.lr_min: must be at most the lowest lr of the search (search.lr[0] = 0.001), got 0.01");
        assertThat(SearchReader.read(search.formatted("0.0005")).schedule()).isEqualTo(new CosineAnnealing(50, 0.0005));
    }
}
