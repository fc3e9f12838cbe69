package org.optimizerlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.optimizerlab.experiment.StepRecord;

/**
 * Every optimizer (both AMSGrad variants) under every learning-rate schedule against a plain numpy transcription of
 * the notes' update lines and of the schedules' formulas (golden files of {@code tools/reference/notes_reference.py}).
 * Under a schedule the engine keeps the notes' form with each update's lr, which torch does not, so this is the
 * reference there. The learning rate of each update must match the formula to a few units in the last place, the
 * parameters and state to a {@link RelativeDifference} of 1e-9.
 */
class NotesReferenceTest {

    static final List<String> SCHEDULES = List.of("constant", "step", "exponential", "inverse", "cosine", "warmup");
    /** Math.exp and Python's exp may differ in the last bit; the rest of a schedule is exact arithmetic. */
    static final double LR_TOLERANCE = 4e-16;

    @TestFactory
    Stream<DynamicTest> everyOptimizerMatchesTheNotesUnderEverySchedule() {
        return SCHEDULES.stream().flatMap(schedule -> {
            JsonNode file = ReferenceFiles.read("notes/" + schedule + ".json");
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : file.get("cases")) {
                tests.add(dynamicTest(schedule + "/" + c.get("name").asText(), () -> checkCase(schedule, c)));
            }
            return tests.stream();
        });
    }

    private static void checkCase(String schedule, JsonNode c) {
        List<StepRecord> records = ReferenceFiles.runSingle(c.get("spec"));
        int[] steps = ReferenceFiles.ints(c.get("param_steps"));
        double[] lrs = ReferenceFiles.doubles(c.get("lr"));
        double[][] params = ReferenceFiles.rows(c.get("params"));
        WorstDifference worstLr = new WorstDifference();
        WorstDifference worstParams = new WorstDifference();
        for (int j = 0; j < steps.length; j++) {
            StepRecord r = records.get(steps[j]);
            worstLr.update(RelativeDifference.of(r.lr(), lrs[j], 0), "lr", steps[j]);
        }
        for (int i = 0; i < params[0].length; i++) {
            double floor = RelativeDifference.PARAMS * RelativeDifference.scale(params, i);
            for (int j = 0; j < steps.length; j++) {
                worstParams.update(RelativeDifference.of(records.get(steps[j]).params()[i], params[j][i], floor),
                        "p" + i, steps[j]);
            }
        }
        WorstDifference worstState = new WorstDifference();
        int[] stateSteps = ReferenceFiles.ints(c.get("state_steps"));
        c.get("state").fields().forEachRemaining(entry -> {
            double[][] rows = ReferenceFiles.rows(entry.getValue());
            for (int i = 0; i < rows[0].length; i++) {
                double floor = RelativeDifference.STATE * RelativeDifference.scale(rows, i);
                for (int j = 0; j < stateSteps.length; j++) {
                    double[] ours = records.get(stateSteps[j]).state().get(entry.getKey());
                    assertThat(ours).as("state %s", entry.getKey()).isNotNull();
                    worstState.update(RelativeDifference.of(ours[i], rows[j][i], floor),
                            entry.getKey() + "[" + i + "]", stateSteps[j]);
                }
            }
        });
        System.out.printf("notes %-12s %-24s lr %.3g  params %.3g  state %.3g%n", schedule,
                c.get("name").asText(), worstLr.value(), worstParams.value(), worstState.value());
        assertThat(worstLr.value()).as("worst lr difference (%s)", worstLr.where()).isLessThanOrEqualTo(LR_TOLERANCE);
        assertThat(worstParams.value()).as("worst parameter difference (%s)", worstParams.where())
                .isLessThanOrEqualTo(TorchReferenceTest.TOLERANCE);
        assertThat(worstState.value()).as("worst state difference (%s)", worstState.where())
                .isLessThanOrEqualTo(TorchReferenceTest.TOLERANCE);
    }

    /** Each schedule file has every optimizer, both AMSGrad variants, and the schedule really changes the lr. */
    @Test
    void theGoldenFilesCoverEveryOptimizerAndBothAmsGradVariants() {
        for (String schedule : SCHEDULES) {
            JsonNode file = ReferenceFiles.read("notes/" + schedule + ".json");
            Set<String> kinds = new HashSet<>();
            for (JsonNode c : file.get("cases")) {
                JsonNode optimizer = c.at("/spec/runs/0/optimizer");
                kinds.add(optimizer.get("type").asText() + (optimizer.has("variant") ? "-notes" : ""));
                double[] lrs = ReferenceFiles.doubles(c.get("lr"));
                if (schedule.equals("constant")) {
                    assertThat(lrs).containsOnly(optimizer.get("lr").doubleValue());
                } else {
                    assertThat(lrs[lrs.length - 1]).isLessThan(lrs[0] / 2);
                }
            }
            assertThat(kinds).containsExactlyInAnyOrder(
                    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "amsgrad", "amsgrad-notes");
        }
    }
}
