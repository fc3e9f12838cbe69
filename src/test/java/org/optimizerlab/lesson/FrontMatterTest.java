package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.optimizerlab.validation.FieldException;

class FrontMatterTest {

    @Test
    void readsTitleOrderSummaryAndTheBody() {
        FrontMatter front = FrontMatter.parse("---\ntitle: \"Momentum: a ball\"\norder: 2\nsummary: Faster.\n---\n\n# Text\n");
        assertThat(front.title()).isEqualTo("Momentum: a ball");
        assertThat(front.order()).isEqualTo(2);
        assertThat(front.summary()).isEqualTo("Faster.");
        assertThat(front.body()).isEqualTo("\n# Text\n");
    }

    static void fails(String text, String field, String problem) {
        assertThatThrownBy(() -> FrontMatter.parse(text)).isInstanceOf(FieldException.class)
                .satisfies(e -> {
                    assertThat(((FieldException) e).field()).isEqualTo(field);
                    assertThat(((FieldException) e).problem()).startsWith(problem);
                });
    }

    @Test
    void everyMistakeNamesItsKey() {
        fails("# no front matter", "", "must start with a front matter block");
        fails("---\ntitle: A\n", "", "the front matter has no closing line '---'");
        fails("---\ntitle: A\norder: 1\nsummary: S\nauthor: me\n---\nx", "author", "unknown front matter key");
        fails("---\ntitle: A\ntitle: B\norder: 1\nsummary: S\n---\nx", "title", "appears twice");
        fails("---\norder: 1\nsummary: S\n---\nx", "title", "is required");
        fails("---\ntitle: A\nsummary: S\n---\nx", "order", "is required");
        fails("---\ntitle: A\norder: two\nsummary: S\n---\nx", "order", "must be a whole number 1..99, got 'two'");
        fails("---\ntitle: A\norder: 1\nsummary:\n---\nx", "summary", "is required");
        fails("---\ntitle: " + "x".repeat(301) + "\norder: 1\nsummary: S\n---\nx", "title", "must be at most 300");
        fails("---\ntitle A\norder: 1\nsummary: S\n---\nx", "", "front matter line 'title A' is not 'key: value'");
    }

    @Test
    void longValuesAreQuotedCut() {
        String many = "9".repeat(5000);
        fails("---\ntitle: A\norder: " + many + "\nsummary: S\n---\nx", "order",
                "must be a whole number 1..99, got '" + "9".repeat(64) + "…' (5000 characters)");
        fails("---\n" + "k".repeat(5000) + ": v\ntitle: A\norder: 1\nsummary: S\n---\nx", "k".repeat(64) + "…",
                "unknown front matter key");
        fails("---\n" + "x".repeat(5000) + "\n---\nx", "", "front matter line '" + "x".repeat(64)
                + "…' (5000 characters) is not 'key: value'");
    }
}
