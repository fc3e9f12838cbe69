package org.optimizerlab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Labels stay in closed sets whatever the server is told. */
class PrometheusMetricsTest {

    @Test
    void errorFieldsAreCountedByTheirFamilyOnly() {
        assertThat(PrometheusMetrics.fieldFamily("")).isEqualTo("message");
        assertThat(PrometheusMetrics.fieldFamily("spec.runs[0].optimizer.lr")).isEqualTo("spec");
        assertThat(PrometheusMetrics.fieldFamily("steps_per_second")).isEqualTo("steps_per_second");
        assertThat(PrometheusMetrics.fieldFamily("evil\"} 1\nfake_metric{")).isEqualTo("other");
        assertThat(PrometheusMetrics.fieldFamily("x".repeat(10_000))).isEqualTo("other");
    }

    @Test
    void problemTypesCloseCodesAndFieldsNeverGrowTheLabelSet() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            for (int i = 0; i < 500; i++) {
                metrics.experimentStarted("lesson-" + i, "type-" + i, ClassMetrics.ExperimentKind.RACE);
                metrics.clientError("field" + i + ".x");
                metrics.connectionClosed(3000 + i, ClassMetrics.CloseCause.CLIENT);
            }
            metrics.experimentStarted("Bad Lesson\n", "Bad Type\n", ClassMetrics.ExperimentKind.SEARCH);
            String text = metrics.scrape();
            long series = text.lines().filter(l -> l.startsWith("optlab_experiments_started_total{")).count();
            // lesson i with type i while both are new, then a known lesson with "other", then "other" with
            // "other", and the search's "other"/"other"
            assertThat(series).isEqualTo(PrometheusMetrics.MAX_PROBLEM_TYPES
                    + (PrometheusMetrics.MAX_LESSONS - PrometheusMetrics.MAX_PROBLEM_TYPES) + 2);
            assertThat(text).contains("optlab_experiments_started_total{kind=\"race\",lesson=\"other\","
                    + "problem=\"other\"} " + (500 - PrometheusMetrics.MAX_LESSONS) + ".0");
            assertThat(text).contains("optlab_experiments_started_total{kind=\"search\",lesson=\"other\","
                    + "problem=\"other\"} 1.0");
            assertThat(text.lines().filter(l -> l.startsWith("optlab_client_errors_total{"))).containsExactly(
                    "optlab_client_errors_total{field=\"other\"} 500.0");
            assertThat(text.lines().filter(l -> l.startsWith("optlab_connections_closed_total{"))).containsExactly(
                    "optlab_connections_closed_total{cause=\"client\",code=\"other\"} 500.0");
        }
    }
}
