package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The server's mapper writes every double so that it reads back as the same double, in no more digits than Java. */
class ServerJsonTest {
    private static final ObjectMapper JSON = ServerJson.mapper();

    @Test
    void everyDoubleReadsBackAsItself() throws Exception {
        SplittableRandom random = new SplittableRandom(12);
        double[] special = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 2e23, 1e23,
            5.0E-324, 0.001, 1234567.0, 1.0E7, 9.999999999999999E22};
        for (double d : special) {
            assertRoundTrip(d);
        }
        for (int i = 0; i < 200_000; i++) {
            double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 10 - 5;
            if (Double.isFinite(d)) {
                assertRoundTrip(d);
            }
        }
    }

    @Test
    void writesJavasNotationForTheCommonCases() throws Exception {
        assertThat(JSON.writeValueAsString(0.001)).isEqualTo("0.001");
        assertThat(JSON.writeValueAsString(7.263565238189133E-4)).isEqualTo("7.263565238189133E-4");
        assertThat(JSON.writeValueAsString(14.325083093508002)).isEqualTo("14.325083093508002");
        assertThat(JSON.writeValueAsString(1.0E7)).isEqualTo("1.0E7");
        assertThat(JSON.writeValueAsString(-2.0)).isEqualTo("-2.0");
    }

    private static void assertRoundTrip(double d) throws Exception {
        String text = JSON.writeValueAsString(d);
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(text))).as(text).isEqualTo(Double.doubleToRawLongBits(d));
        assertThat(text.length()).as(text).isLessThanOrEqualTo(Double.toString(d).length());
    }
}
