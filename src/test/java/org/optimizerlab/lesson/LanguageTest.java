package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void acceptLanguagePicksTheBestRangeWeHave() {
        assertThat(Language.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).contains(Language.ZH);
        assertThat(Language.fromAcceptLanguage("en-US,en;q=0.9,zh;q=0.5")).contains(Language.EN);
        assertThat(Language.fromAcceptLanguage("fr;q=1, zh-TW;q=0.3, en;q=0.2")).contains(Language.ZH);
        assertThat(Language.fromAcceptLanguage("en;q=0.1, zh;q=0.7")).contains(Language.ZH);
        assertThat(Language.fromAcceptLanguage("zh;q=0, en;q=0.1")).contains(Language.EN);
        assertThat(Language.fromAcceptLanguage("ZH-hans")).contains(Language.ZH);
        assertThat(Language.fromAcceptLanguage("de, fr")).isEmpty();
        assertThat(Language.fromAcceptLanguage("zh;q=nonsense, en")).contains(Language.EN);
        assertThat(Language.fromAcceptLanguage(null)).isEmpty();
        assertThat(Language.fromAcceptLanguage("")).isEmpty();
    }

    @Test
    void codesAndHtmlTags() {
        assertThat(Language.fromCode("zh")).contains(Language.ZH);
        assertThat(Language.fromCode("zh-CN")).isEqualTo(Optional.empty());
        assertThat(Language.ZH.htmlLang()).isEqualTo("zh-CN");
        assertThat(Language.codes()).containsExactly("en", "zh");
    }
}
