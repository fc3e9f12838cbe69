package org.optimizerlab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optimizerlab.validation.FieldException;

/** OPTLAB_METRICS and OPTLAB_METRICS_TOKEN: the values, the errors naming them, and who may read. */
class MetricsConfigTest {

    private static final String TOKEN = "scraper-token-0123456789";

    @Test
    void offByDefaultAndReadFromItsVariables() {
        assertThat(MetricsConfig.read(Optional.empty(), Optional.empty())).isEqualTo(MetricsConfig.OFF);
        assertThat(MetricsConfig.read(Optional.of("ON"), Optional.empty()).access())
                .isEqualTo(MetricsConfig.Access.ON);
        assertThat(MetricsConfig.read(Optional.of("instructor"), Optional.empty()).access())
                .isEqualTo(MetricsConfig.Access.INSTRUCTOR);
    }

    @Test
    void badValuesNameTheirVariableAndNeverShowTheToken() {
        assertThatThrownBy(() -> MetricsConfig.read(Optional.of("yes please"), Optional.empty()))
                .isInstanceOf(FieldException.class)
                .hasMessage("OPTLAB_METRICS: must be off, on or instructor, got 'yes please'");
        assertThatThrownBy(() -> MetricsConfig.read(Optional.of("on"), Optional.of("short")))
                .hasMessage("OPTLAB_METRICS_TOKEN: must be 16 to 256 visible ASCII characters without spaces, "
                        + "got 5 characters");
        assertThatThrownBy(() -> MetricsConfig.read(Optional.of("on"), Optional.of("has a space in it, long enough")))
                .hasMessageStartingWith("OPTLAB_METRICS_TOKEN: must be").hasMessageNotContaining("in it");
        assertThatThrownBy(() -> MetricsConfig.read(Optional.empty(), Optional.of(TOKEN)))
                .hasMessage("OPTLAB_METRICS_TOKEN: is set but OPTLAB_METRICS is off; set OPTLAB_METRICS=on to serve"
                        + " /metrics behind the token");
        assertThat(MetricsConfig.read(Optional.of("on"), Optional.of(TOKEN)).toString()).doesNotContain(TOKEN);
    }

    @Test
    void whoMayRead() {
        MetricsConfig open = MetricsConfig.read(Optional.of("on"), Optional.empty());
        assertThat(open.allows(null, false)).isTrue();
        MetricsConfig token = MetricsConfig.read(Optional.of("on"), Optional.of(TOKEN));
        assertThat(token.allows(null, false)).isFalse();
        assertThat(token.allows("Bearer wrong-token-0123456789", false)).isFalse();
        assertThat(token.allows("Bearer " + TOKEN, false)).isTrue();
        assertThat(token.allows("bearer " + TOKEN, false)).as("the scheme is case-insensitive").isTrue();
        assertThat(token.allows(TOKEN, false)).as("not without the scheme").isFalse();
        assertThat(token.allows(null, true)).as("the instructor's session").isTrue();
        MetricsConfig instructor = MetricsConfig.read(Optional.of("instructor"), Optional.empty());
        assertThat(instructor.allows(null, false)).isFalse();
        assertThat(instructor.allows("Bearer " + TOKEN, false)).isFalse();
        assertThat(instructor.allows(null, true)).isTrue();
        assertThat(MetricsConfig.OFF.allows(null, true)).isFalse();
    }
}
