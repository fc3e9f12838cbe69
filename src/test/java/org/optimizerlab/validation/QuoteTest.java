package org.optimizerlab.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteTest {

    @Test
    void aShortValueIsShownWhole() {
        assertThat(Quote.of("adam")).isEqualTo("'adam'");
        assertThat(Quote.of("0.1", "\"")).isEqualTo("\"0.1\"");
        assertThat(Quote.of("x".repeat(64))).isEqualTo("'" + "x".repeat(64) + "'");
        assertThat(Quote.cut("problem")).isEqualTo("problem");
        assertThat(Quote.isLong("x".repeat(64))).isFalse();
    }

    @Test
    void aLongValueIsCutWithAnEllipsisAndItsLength() {
        assertThat(Quote.of("a".repeat(65_536))).isEqualTo("'" + "a".repeat(64) + "…' (65536 characters)");
        assertThat(Quote.of("1".repeat(1000), "")).isEqualTo("1".repeat(64) + "… (1000 characters)");
        assertThat(Quote.cut("b".repeat(65))).isEqualTo("b".repeat(64) + "…");
        assertThat(Quote.isLong("x".repeat(65))).isTrue();
    }

    @Test
    void charactersOutsideTheBasicPlaneAreNeverSplit() {
        String emoji = "\uD83D\uDE00";                                   // one character, two UTF-16 units
        String value = emoji.repeat(100);
        assertThat(Quote.of(value)).isEqualTo("'" + emoji.repeat(64) + "…' (100 characters)");
        assertThat(Quote.of(emoji.repeat(64))).isEqualTo("'" + emoji.repeat(64) + "'");
    }
}
