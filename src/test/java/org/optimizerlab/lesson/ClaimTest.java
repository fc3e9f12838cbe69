package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/** Each claim on hand-made series, including the chart-data shapes (NaN losses, missing params). */
class ClaimTest {

    static List<SeriesPoint> losses(double... losses) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            points.add(new SeriesPoint(i * 10, losses[i], new double[] {i, -i}, false));
        }
        return points;
    }

    static final Map<String, List<SeriesPoint>> RACE = Map.of(
            "fast", losses(10, 1, 0.01, 0.001),
            "slow", losses(10, 5, 2, 1),
            "boom", List.of(new SeriesPoint(0, 10, new double[] {0, 0}, false),
                    new SeriesPoint(10, 1e300, new double[] {1e150, 0}, false),
                    new SeriesPoint(20, Double.NaN, new double[] {Double.NaN, 0}, true)));

    @Test
    void finalLossLess() {
        assertThat(new RaceClaim.FinalLossLess("fast", "slow", 0.01).check(RACE))
                .isEqualTo(new Claim.Verdict(true, "final loss of fast = 0.001 < 0.01 x final loss of slow = 1.0"));
        assertThat(new RaceClaim.FinalLossLess("fast", "slow", 0.0001).holds(RACE)).isFalse();
        assertThat(new RaceClaim.FinalLossLess("slow", "boom", 1).holds(RACE)).as("a diverged run loses").isTrue();
        assertThat(new RaceClaim.FinalLossLess("boom", "slow", 1).holds(RACE)).isFalse();
        assertThat(new RaceClaim.FinalLossLess("ghost", "slow", 1).holds(RACE)).isFalse();
    }

    @Test
    void finalLossBelow() {
        assertThat(new RaceClaim.FinalLossBelow("fast", 0.01).holds(RACE)).isTrue();
        assertThat(new RaceClaim.FinalLossBelow("slow", 0.01).holds(RACE)).isFalse();
        assertThat(new RaceClaim.FinalLossBelow("boom", 1e308).holds(RACE)).isFalse();
    }

    @Test
    void reachesFirst() {
        assertThat(new RaceClaim.ReachesFirst("fast", "slow", 3).check(RACE))
                .isEqualTo(new Claim.Verdict(true, "fast first below 3 at step 10, slow at step 20"));
        assertThat(new RaceClaim.ReachesFirst("slow", "fast", 3).holds(RACE)).isFalse();
        assertThat(new RaceClaim.ReachesFirst("fast", "slow", 0.5).check(RACE).explanation())
                .isEqualTo("fast first below 0.5 at step 20, slow at step never");
        assertThat(new RaceClaim.ReachesFirst("fast", "slow", 0.5).holds(RACE)).isTrue();
        assertThat(new RaceClaim.ReachesFirst("slow", "fast", 0.0001).holds(RACE)).as("neither gets there").isFalse();
        assertThat(new RaceClaim.ReachesFirst("fast", "slow", 10).holds(RACE)).as("a tie at the same step").isFalse();
    }

    @Test
    void divergesAndStaysFinite() {
        assertThat(new RaceClaim.Diverges("boom").holds(RACE)).isTrue();
        assertThat(new RaceClaim.Diverges("slow").holds(RACE)).isFalse();
        assertThat(new RaceClaim.StaysFinite("slow").holds(RACE)).isTrue();
        assertThat(new RaceClaim.StaysFinite("boom").holds(RACE)).isFalse();
        assertThat(new RaceClaim.StaysFinite("ghost").holds(RACE)).isFalse();
        // chart data: the diverged point may carry no flag, only a missing (NaN) loss
        Map<String, List<SeriesPoint>> chart = Map.of("x", List.of(new SeriesPoint(0, 1, new double[0], false),
                new SeriesPoint(1, Double.NaN, new double[0], false)));
        assertThat(new RaceClaim.Diverges("x").holds(chart)).isTrue();
    }

    @Test
    void divergesAndStaysFiniteSayWhatTheRunDid() {
        assertThat(new RaceClaim.Diverges("boom").check(RACE)).isEqualTo(new Claim.Verdict(true, "boom diverged"));
        assertThat(new RaceClaim.Diverges("slow").check(RACE))
                .isEqualTo(new Claim.Verdict(false, "slow stayed finite"));
        assertThat(new RaceClaim.StaysFinite("slow").check(RACE))
                .isEqualTo(new Claim.Verdict(true, "slow stayed finite"));
        assertThat(new RaceClaim.StaysFinite("boom").check(RACE)).isEqualTo(new Claim.Verdict(false, "boom diverged"));
        // a run without points did neither: both claims fail, and neither says it diverged or stayed finite
        Map<String, List<SeriesPoint>> empty = Map.of("quiet", List.of());
        assertThat(new RaceClaim.Diverges("quiet").check(empty)).isEqualTo(new Claim.Verdict(false, "quiet is missing"));
        assertThat(new RaceClaim.StaysFinite("quiet").check(empty))
                .isEqualTo(new Claim.Verdict(false, "quiet is missing"));
        assertThat(new RaceClaim.Diverges("ghost").check(RACE)).isEqualTo(new Claim.Verdict(false, "ghost is missing"));
    }

    @Test
    void finalParamNear() {
        assertThat(new RaceClaim.FinalParamNear("fast", 0, 3, 0).holds(RACE)).isTrue();
        assertThat(new RaceClaim.FinalParamNear("fast", 1, -2.5, 0.5).holds(RACE)).isTrue();
        assertThat(new RaceClaim.FinalParamNear("fast", 1, -2.5, 0.4).holds(RACE)).isFalse();
        assertThat(new RaceClaim.FinalParamNear("fast", 5, 0, 1).check(RACE).explanation()).isEqualTo("fast has no params[5]");
    }

    @Test
    void rateMatchesMeasuresTheDistanceRatioPerStepOverTheWindow() {
        List<SeriesPoint> points = new ArrayList<>();
        for (int step = 0; step <= 100; step += 5) {               // plotted every 5 steps, distance 2 * 0.9^step
            double d = 2 * Math.pow(0.9, step);
            points.add(new SeriesPoint(step, d * d, new double[] {0.6 * d, -0.8 * d}, false));
        }
        Map<String, List<SeriesPoint>> series = Map.of("run", points);
        assertThat(RateClaim.measuredRate(points, 12, 98)).as("from the points at steps 15 and 95")
                .isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(new RateClaim("run", 10, 90, 0.9, 0.001).holds(series)).isTrue();
        assertThat(new RateClaim("run", 10, 90, 0.91, 0.001).check(series).explanation())
                .startsWith("measured rate of run over steps 10..90 = 0.9").endsWith("not within 0.001 of the map's 0.91");
        assertThat(new RateClaim("other", 10, 90, 0.9, 0.001).holds(series)).isFalse();
        assertThat(new RateClaim("run", 10, 90, 0.9, 0.001).holds(Map.of("run", points.subList(0, 2)))).isFalse();
        assertThatThrownBy(() -> new RateClaim("run", 90, 90, 0.9, 0.001)).isInstanceOf(FieldException.class)
                .hasMessage("to: must be > from (90), got 90");
    }

    @Test
    void readingAClaimValidatesEveryField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(Claim.read(JsonFields.of(json.readTree("{\"type\": \"final_loss_less\", \"run\": \"a\", \"than\": \"b\"}"),
                "check"))).isEqualTo(new RaceClaim.FinalLossLess("a", "b", 1));
        assertThat(Claim.read(JsonFields.of(json.readTree("{\"type\": \"stays_finite\", \"run\": \"a\"}"), "check")))
                .isEqualTo(new RaceClaim.StaysFinite("a"));
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"final_param_near\", \"run\": \"a\", \"index\": 0, \"value\": 1, \"tolerance\": -1}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.tolerance: must be >= 0, got -1");
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree(
                "{\"type\": \"final_loss_less\", \"run\": \"a\", \"than\": \"b\", \"factor\": 0}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.factor: must be > 0, got 0");
        assertThatThrownBy(() -> Claim.read(JsonFields.of(json.readTree("{\"type\": \"diverges\"}"), "check")))
                .isInstanceOf(FieldException.class).hasMessage("check.run: is required");
    }
}
