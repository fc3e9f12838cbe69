package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optimizerlab.lesson.TrainingClaim.Split;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * The claims of training races, activation studies and searches on hand-made series shaped like the page's chart
 * data (named as the datasets are keyed; NaN where a chart has a gap).
 */
class KindClaimsTest {

    private static List<SeriesPoint> values(int stepEvery, double... values) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SeriesPoint(i * stepEvery, values[i], new double[0], false));
        }
        return points;
    }

    private static Map<String, List<SeriesPoint>> training() {
        Map<String, List<SeriesPoint>> series = new HashMap<>();
        series.put("adam", values(10, 1.1, 0.5, 0.2));
        series.put("sgd", values(10, 1.1, 0.9, 0.8));
        series.put("boom", List.of(new SeriesPoint(0, 1.1, new double[0], false),
                new SeriesPoint(10, Double.NaN, new double[0], true)));
        series.put(Claim.accuracySeries("adam", "train"), values(1, 0.33, 0.8, 0.99));
        series.put(Claim.accuracySeries("adam", "validation"), values(1, 0.33, 0.75, 0.9));
        series.put(Claim.accuracySeries("sgd", "train"), values(1, 0.33, 0.5, 0.55));
        series.put(Claim.accuracySeries("sgd", "validation"), values(1, 0.33, 0.5, 0.52));
        series.put(Claim.accuracySeries("boom", "validation"), values(1, 0.33, 0.6));
        // ratios: the first half (steps 0..20) is ignored, the median of steps 30..50 is 2e-3
        series.put(Claim.ratioSeries("adam", "W1"), values(10, Double.NaN, 1, 1, 1e-3, 2e-3, 5e-3));
        return series;
    }

    @Test
    void finalAccuracies() {
        Map<String, List<SeriesPoint>> series = training();
        assertThat(new TrainingClaim.FinalAccuracyAbove("adam", 0.85, Split.VALIDATION).check(series))
                .isEqualTo(new Claim.Verdict(true, "final validation accuracy of adam = 0.9 > 0.85"));
        assertThat(new TrainingClaim.FinalAccuracyAbove("adam", 0.95, Split.VALIDATION).holds(series)).isFalse();
        assertThat(new TrainingClaim.FinalAccuracyAbove("adam", 0.95, Split.TRAIN).holds(series)).isTrue();
        assertThat(new TrainingClaim.FinalAccuracyBelow("sgd", 0.6, Split.VALIDATION).holds(series)).isTrue();
        assertThat(new TrainingClaim.FinalAccuracyBelow("sgd", 0.5, Split.VALIDATION).holds(series)).isFalse();
        assertThat(new TrainingClaim.FinalAccuracyBelow("boom", 0.9, Split.VALIDATION).holds(series))
                .as("a diverged run has no accuracy").isFalse();
        assertThat(new TrainingClaim.FinalAccuracyAbove("ghost", 0, Split.TRAIN).holds(series)).isFalse();
    }

    @Test
    void accuracyComparisonsAndTheGap() {
        Map<String, List<SeriesPoint>> series = training();
        assertThat(new TrainingClaim.FinalAccuracyGreater("adam", "sgd", Split.VALIDATION, 0.3).holds(series)).isTrue();
        assertThat(new TrainingClaim.FinalAccuracyGreater("adam", "sgd", Split.VALIDATION, 0.4).check(series))
                .isEqualTo(new Claim.Verdict(false, "final validation accuracy of adam = 0.9 is not > that of sgd = "
                        + "0.52 + 0.4"));
        assertThat(new TrainingClaim.FinalAccuracyGreater("sgd", "adam", Split.TRAIN, 0).holds(series)).isFalse();
        assertThat(new TrainingClaim.AccuracyGap("adam", 0.05, null).holds(series)).as("0.99 - 0.9").isTrue();
        assertThat(new TrainingClaim.AccuracyGap("adam", null, 0.05).holds(series)).isFalse();
        assertThat(new TrainingClaim.AccuracyGap("sgd", null, 0.05).holds(series)).isTrue();
    }

    @Test
    void updateRatioIsTheMedianOfTheSecondHalf() {
        Map<String, List<SeriesPoint>> series = training();
        assertThat(TrainingClaim.UpdateRatio.median(series.get(Claim.ratioSeries("adam", "W1")))).isEqualTo(2e-3);
        assertThat(new TrainingClaim.UpdateRatio("adam", "W1", 1e-3, 3e-3).check(series)).isEqualTo(new Claim.Verdict(
                true, "median update/weight ratio of W1 in the second half of adam = 0.002, > 0.001 and < 0.003"));
        assertThat(new TrainingClaim.UpdateRatio("adam", "W1", null, 1e-3).holds(series)).isFalse();
        assertThat(new TrainingClaim.UpdateRatio("adam", "W2", null, 1.0).holds(series)).as("no such series").isFalse();
    }

    @Test
    void activationStdRatio() {
        Map<String, List<SeriesPoint>> study = Map.of(Claim.STD_SERIES, List.of(
                new SeriesPoint(1, 0.8, new double[0], false), new SeriesPoint(2, 0.6, new double[0], false),
                new SeriesPoint(3, 1e-7, new double[0], false)));
        assertThat(new ActivationClaim.StdRatio(2, 1, 0.5, 2.0).check(study)).isEqualTo(new Claim.Verdict(true,
                "std of layer 2 = 0.6, of layer 1 = 0.8: the ratio 0.7499999999999999 is > 0.5 and < 2"));
        assertThat(new ActivationClaim.StdRatio(3, 1, null, 1e-5).holds(study)).isTrue();
        assertThat(new ActivationClaim.StdRatio(3, 1, 1e-5, null).holds(study)).isFalse();
        assertThat(new ActivationClaim.StdRatio(4, 1, null, 10.0).holds(study)).as("a missing layer").isFalse();
        Map<String, List<SeriesPoint>> zeros = Map.of(Claim.STD_SERIES, List.of(
                new SeriesPoint(1, 0, new double[0], false), new SeriesPoint(2, 0, new double[0], false)));
        assertThat(new ActivationClaim.StdRatio(2, 1, null, 10.0).holds(zeros)).as("0 / 0").isFalse();
    }

    private static SeriesPoint trial(int index, double accuracy, double lr, double validationLoss, boolean diverged) {
        return new SeriesPoint(index, accuracy, new double[] {lr, 1e-3, 0, validationLoss}, diverged);
    }

    @Test
    void theBestTrialIsTheEnginesBest() {
        Map<String, List<SeriesPoint>> search = Map.of(Claim.TRIALS_SERIES, List.of(
                trial(0, 0.9, 0.5, 0.30, false), trial(1, 0.95, 0.02, 0.25, false),
                trial(2, 0.95, 0.01, 0.20, false), trial(3, Double.NaN, 5, Double.NaN, true)));
        assertThat(SearchClaim.best(search)).get().extracting(SeriesPoint::step).as("ties go to the lower val loss")
                .isEqualTo(2);
        assertThat(new SearchClaim.BestValAccuracyAbove(0.94).holds(search)).isTrue();
        assertThat(new SearchClaim.BestValAccuracyAbove(0.95).holds(search)).isFalse();
        assertThat(new SearchClaim.BestLrWithin(0.005, 0.05).check(search))
                .isEqualTo(new Claim.Verdict(true, "the best trial (2) has lr 0.01, within [0.005, 0.05]"));
        assertThat(new SearchClaim.BestLrWithin(0.1, 1).holds(search)).isFalse();
        assertThat(new SearchClaim.BestValAccuracyAbove(0).holds(Map.of())).as("no trials").isFalse();
    }

    @Test
    void readingTheNewChecksValidatesEveryField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"final_accuracy_above\", \"run\": \"a\", \"value\": 0.9}"), "check")))
                .isEqualTo(new TrainingClaim.FinalAccuracyAbove("a", 0.9, Split.VALIDATION));
        assertThat(Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"activation_std_ratio\", \"layer\": 10, \"below\": 1e-5}"), "check")))
                .isEqualTo(new ActivationClaim.StdRatio(10, 1, null, 1e-5));
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"final_accuracy_above\", \"run\": \"a\", \"value\": 0.9, \"split\": \"test\"}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.split: must be one of train, validation; got 'test'");
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"accuracy_gap\", \"run\": \"a\", \"above\": 0.2, \"below\": 0.1}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.below: must be > above (0.2), got 0.1");
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"activation_std_ratio\", \"layer\": 3, \"relative_to\": 3, \"below\": 2}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.relative_to: must be another layer than 3");
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"update_ratio\", \"run\": \"a\", \"layer\": \"W1\", \"below\": 0}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.below: must be > 0, got 0");
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"best_val_accuracy_above\"}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.value: is required");
    }
}
