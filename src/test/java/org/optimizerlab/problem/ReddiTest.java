package org.optimizerlab.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reddi, Kale, Kumar's online problem: which update sees the large gradient, the projection, the average loss. */
class ReddiTest {

    @Test
    void theLargeGradientComesOnTheFirstUpdateOfEachPeriodCountingFromOne() {
        Reddi reddi = new Reddi(Reddi.DEFAULT_BIG, Reddi.DEFAULT_SMALL, Reddi.DEFAULT_PERIOD);
        double[] dx = new double[1];
        double[] x = {0.25};
        for (long update = 0; update < 1000; update++) {
            double loss = reddi.gradient(x, Batch.fullBatch(update), dx);
            boolean large = (update + 1) % 101 == 1;              // t = update + 1, counted from 1 as in the paper
            assertThat(dx[0]).as("update %d", update).isEqualTo(large ? 1010 : -10);
            assertThat(loss).isEqualTo(dx[0] * 0.25);
        }
        assertThat(reddi.dimension()).isEqualTo(1);
        assertThat(reddi.defaultStart()).containsExactly(1.0);
    }

    @Test
    void projectionKeepsXInMinusOneToOne() {
        Reddi reddi = new Reddi(1010, -10, 101);
        double[][] cases = {{1.5, 1}, {-3, -1}, {0.25, 0.25}, {1, 1}, {-1, -1}};
        for (double[] c : cases) {
            double[] x = {c[0]};
            reddi.project(x);
            assertThat(x[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void averageLossHasItsMinimumAtMinusOne() {
        Reddi reddi = new Reddi(1010, -10, 101);
        assertThat(reddi.averageSlope()).isEqualTo(10.0 / 101);
        assertThat(reddi.loss(new double[] {-1})).isLessThan(reddi.loss(new double[] {1}));
        Reddi other = new Reddi(30, -1, 3);
        assertThat(other.averageSlope()).isEqualTo(28.0 / 3);
        double[] dx = new double[1];
        other.gradient(new double[] {0}, Batch.fullBatch(3), dx);   // t = 4, 4 mod 3 == 1
        assertThat(dx[0]).isEqualTo(30);
        other.gradient(new double[] {0}, Batch.fullBatch(4), dx);
        assertThat(dx[0]).isEqualTo(-1);
    }
}
