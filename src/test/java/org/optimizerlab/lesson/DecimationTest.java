package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.StepRecord;

class DecimationTest {

    static StepRecord record(int step, boolean diverged) {
        return new StepRecord("r", step, step, 0.1, 1, new double[] {0}, 1, new double[] {0}, Map.of(), diverged);
    }

    @Test
    void upToTheCapEveryPointIsKept() {
        Decimation all = Decimation.of(20_000, 20_000);
        assertThat(all.stride()).isEqualTo(1);
        assertThat(all.decimated()).isFalse();
        assertThat(all.keeps(record(7, false))).isTrue();
    }

    @Test
    void pastTheCapEveryStrideThStepTheLastAndDivergencesAreKept() {
        Decimation some = Decimation.of(20_001, 20_000);
        assertThat(some.stride()).isEqualTo(2);
        assertThat(some.decimated()).isTrue();
        assertThat(some.keeps(record(4, false))).isTrue();
        assertThat(some.keeps(record(5, false))).isFalse();
        assertThat(some.keeps(record(5, true))).isTrue();
        assertThat(some.keeps(record(20_001, false))).isTrue();
        assertThat(Decimation.of(100_000, 20_000).stride()).isEqualTo(5);
        assertThat(Decimation.of(1_000_000, 7).stride()).isEqualTo(142_858);
    }
}
