package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRendererTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void inlineAndDisplayMathAreLeftForKatexUntouchedByMarkdown() {
        assertThat(markdown.render("The step $x_{t+1} = x_t - lr * dx_t * 2$ moves.\n"))
                .isEqualTo("<p>The step $x_{t+1} = x_t - lr * dx_t * 2$ moves.</p>\n");
        assertThat(markdown.render("$$\nv = \\mu v - lr \\cdot dx\n$$\n"))
                .isEqualTo("<p>$$\nv = \\mu v - lr \\cdot dx\n$$</p>\n");
    }

    @Test
    void mathIsHtmlEscapedAsText() {
        assertThat(markdown.render("$a<b$ and $a>b & c$"))
                .isEqualTo("<p>$a&lt;b$ and $a&gt;b &amp; c$</p>\n");
    }

    @Test
    void withoutProtectionMarkdownWouldHaveEatenTheUnderscores() {
        String html = markdown.render("$a_1 b_2$ _emphasis_");
        assertThat(html).isEqualTo("<p>$a_1 b_2$ <em>emphasis</em></p>\n");
    }

    @Test
    void dollarsThatOpenNoMathStayText() {
        assertThat(markdown.render("It costs $5 or $6 today.")).isEqualTo("<p>It costs $5 or $6 today.</p>\n");
        assertThat(markdown.render("A lone $ sign.")).isEqualTo("<p>A lone $ sign.</p>\n");
        assertThat(markdown.render("$x\n\ny$")).isEqualTo("<p>$x</p>\n<p>y$</p>\n");
    }

    @Test
    void anEscapedDollarIsALiteralDollarKatexCannotPair() {
        assertThat(markdown.render("Pay \\$5, then \\$6."))
                .isEqualTo("<p>Pay <span class=\"dollar\">$</span>5, then <span class=\"dollar\">$</span>6.</p>\n");
    }

    @Test
    void codeIsLeftAlone() {
        assertThat(markdown.render("Use `$x_1$` in code.")).isEqualTo("<p>Use <code>$x_1$</code> in code.</p>\n");
        assertThat(markdown.render("```python\nx = a_b * $c$_d\n```\n"))
                .isEqualTo("<pre><code class=\"language-python\">x = a_b * $c$_d\n</code></pre>\n");
        assertThat(markdown.render("~~~\n$$ not math\n~~~\n\n$y_1$"))
                .isEqualTo("<pre><code>$$ not math\n</code></pre>\n<p>$y_1$</p>\n");
    }

    @Test
    void rawHtmlIsEscapedNotRendered() {
        assertThat(markdown.render("<script>alert(1)</script>\n\nHi <b onclick=\"x\">there</b>"))
                .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>Hi &lt;b onclick=&quot;x&quot;&gt;there&lt;/b&gt;</p>\n");
    }

    @Test
    void unsafeLinksLoseTheirTarget() {
        assertThat(markdown.render("[x](javascript:alert(1)) [y](https://example.org)"))
                .doesNotContain("javascript:").contains("href=\"https://example.org\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "javascript:alert(1)",
            "vbscript:msgbox(1)", "file:///etc/passwd", "JaVaScRiPt:alert(1)", "DATA:text/html,x",
            "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "javascript&colon;alert(1)",
            "jav&#x09;ascript:alert(1)", "java&#10;script:alert(1)", "&#32;javascript:alert(1)",
            "&#0;javascript:alert(1)", "<java\tscript:alert(1)>", "ftp://example.org/x", "a:b"})
    void linkTargetsWithAnySchemeButHttpAndMailtoAreDropped(String target) {
        String html = markdown.render("[link](" + target + ") and ![image](" + target + ")");
        assertThat(html).contains("href=\"\">link</a>", "<img src=\"\" alt=\"image\" />");
    }

    @Test
    void autolinksAndReferenceLinksAreCheckedToo() {
        assertThat(markdown.render("<data:text/html,x> <javascript:alert(1)>"))
                .doesNotContain("href=\"data", "href=\"javascript");
        assertThat(markdown.render("[x][r] ![y][r]\n\n[r]: data:image/svg+xml,%3Csvg%3E\n"))
                .contains("href=\"\">x</a>", "<img src=\"\" alt=\"y\" />");
    }

    @Test
    void webMailAndRelativeTargetsAreKept() {
        assertThat(markdown.render("[a](https://example.org/x?y=1) [b](HTTP://example.org) [c](mailto:t@example.org) "
                + "[d](/lessons/momentum) [e](../momentum#v) [f](#top) [g](//example.org/p) [h](./a:b)"))
                .contains("href=\"https://example.org/x?y=1\"", "href=\"HTTP://example.org\"",
                        "href=\"mailto:t@example.org\"", "href=\"/lessons/momentum\"", "href=\"../momentum#v\"",
                        "href=\"#top\"", "href=\"//example.org/p\"", "href=\"./a:b\"");
        assertThat(markdown.render("![a](img/plot.png) ![b](https://example.org/p.png) ![c](mailto:t@example.org)"))
                .contains("src=\"img/plot.png\"", "src=\"https://example.org/p.png\"", "<img src=\"\" alt=\"c\" />");
    }

    @Test
    void gfmTablesWork() {
        assertThat(markdown.render("| a | b |\n|---|---|\n| $x_1$ | 2 |\n"))
                .contains("<table>", "<th>a</th>", "<td>$x_1$</td>");
    }

    @Test
    void placeholderCharactersInTheTextCannotForgeMath() {
        assertThat(markdown.render("\uE0000\uE001 $a$")).isEqualTo("<p>0 $a$</p>\n");
    }
}
