package org.optimizerlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.optimizerlab.experiment.StepRecord;

/**
 * The schedules past the notes (cosine annealing, linear warm-up alone and before other schedules) against torch's
 * own schedulers ({@code CosineAnnealingLR}, {@code LinearLR}, chained with {@code ExponentialLR} and {@code StepLR};
 * golden file of {@code tools/reference/schedule_reference.py}), which reach each rate by a recursion from the
 * previous one rather than the engine's closed form. The lr compared is the one each record carries, the number the
 * page's lr chart plots.
 */
class ScheduleReferenceTest {

    /** torch's recursion accumulates a few units in the last place per update. */
    static final double TOLERANCE = 1e-13;

    @TestFactory
    Stream<DynamicTest> everyRecordedLrIsTorchs() {
        JsonNode file = ReferenceFiles.read("torch/schedules.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : file.get("cases")) {
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                List<StepRecord> records = ReferenceFiles.runSingle(c.get("spec"));
                double[] torch = ReferenceFiles.doubles(c.get("lr"));
                double lr0 = c.get("spec").get("runs").get(0).get("optimizer").get("lr").doubleValue();
                assertThat(records).hasSize(torch.length + 1);
                for (int t = 0; t < torch.length; t++) {
                    double engine = records.get(t + 1).lr();          // record k carries the lr of update k - 1
                    assertThat(Math.abs(engine - torch[t]))
                            .as("update %d: engine %s, torch %s", t, engine, torch[t])
                            .isLessThanOrEqualTo(TOLERANCE * Math.max(Math.abs(torch[t]), lr0 * 1e-3));
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
        return tests.stream();
    }
}
