package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns lesson Markdown into HTML: CommonMark with GFM tables, raw HTML escaped (shown as text, never rendered),
 * link and image targets other than http(s), mailto (links only) and relative ones removed ({@link LinkPolicy}),
 * and math left for KaTeX on the page.
 *
 * <p>Math ({@code $...$} inline, {@code $$...$$} display) is taken out before Markdown runs, so {@code _} and
 * {@code *} inside a formula are not read as emphasis, and put back afterwards as escaped text with its
 * delimiters. Inline math opens at a {@code $} followed by a non-space and closes at a {@code $} preceded by a
 * non-space and not followed by a digit, so {@code costs $5 or $6} stays text. Code spans and fenced code blocks
 * are left alone. {@code \$} is a literal dollar sign, wrapped in its own element so KaTeX cannot pair it.
 *
 * <p>Image and link targets can be rewritten ({@link Targets}): the loader turns {@code ![surface](surface.png)}
 * and {@code [the surface](surface.png)} into the address of the lesson's picture, and reports a missing one with
 * its line.
 *
 * <p>Immutable and thread-safe.
 */
public final class MarkdownRenderer {

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final String LITERAL_DOLLAR = "<span class=\"dollar\">$</span>";

    private final Parser parser;
    private final HtmlRenderer renderer;

    /** What becomes of each image target, or each link target, of a text. */
    @FunctionalInterface
    public interface Targets {
        /** The target to write for {@code destination}, found on {@code line} (1-based) of the Markdown. */
        String target(String destination, int line);
    }

    /** A renderer with GFM tables, escaped raw HTML and only safe link and image targets. */
    public MarkdownRenderer() {
        List<Extension> extensions = List.of(TablesExtension.create());
        parser = Parser.builder().extensions(extensions).includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
                .build();
        renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).sanitizeUrls(true)
                .urlSanitizer(new LinkPolicy()).build();
    }

    /** The HTML of a Markdown text (without front matter). */
    public String render(String markdown) {
        return render(markdown, (destination, line) -> destination, (destination, line) -> destination);
    }

    /**
     * The HTML of a Markdown text, each image target replaced by what {@code images} makes of it and each link
     * target by what {@code links} makes of it.
     */
    public String render(String markdown, Targets images, Targets links) {
        List<String> pieces = new ArrayList<>();
        List<int[]> swallowed = new ArrayList<>();
        String protectedText = protect(markdown.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), ""),
                pieces, swallowed);
        Node document = parser.parse(protectedText);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                image.setDestination(images.target(image.getDestination(), line(image)));
                visitChildren(image);
            }

            @Override
            public void visit(Link link) {
                link.setDestination(links.target(link.getDestination(), line(link)));
                visitChildren(link);
            }

            /** The node's line (1-based) in the Markdown as written, counting lines of math before it. */
            private int line(Node node) {
                int parsedLine = node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex();
                int line = parsedLine;
                for (int[] placeholder : swallowed) {
                    line += placeholder[0] <= parsedLine ? placeholder[1] : 0;
                }
                return line + 1;
            }
        });
        String html = renderer.render(document);
        return restore(html, pieces);
    }

    /**
     * Replaces each math span and escaped dollar by a placeholder {@code U+E000 n U+E001}, outside code; for each
     * placeholder that swallowed line ends, {@code swallowed} gets its line in the result and how many.
     */
    private static String protect(String text, List<String> pieces, List<int[]> swallowed) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        boolean lineStart = true;
        while (i < text.length()) {
            if (lineStart) {
                int fenceEnd = fencedBlockEnd(text, i);
                if (fenceEnd > i) {
                    out.append(text, i, fenceEnd);
                    i = fenceEnd;
                    continue;
                }
            }
            char c = text.charAt(i);
            lineStart = c == '\n';
            if (c == '`') {
                int end = codeSpanEnd(text, i);
                out.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                i = placeholder(out, pieces, LITERAL_DOLLAR, i + 2);
                continue;
            }
            if (c == '\\' && i + 1 < text.length()) {
                out.append(text, i, i + 2);
                i += 2;
                continue;
            }
            if (c == '$') {
                int end = text.startsWith("$$", i) ? displayMathEnd(text, i) : inlineMathEnd(text, i);
                if (end > i) {
                    long lineEnds = text.substring(i, end).chars().filter(ch -> ch == '\n').count();
                    if (lineEnds > 0) {
                        swallowed.add(new int[] {(int) out.chars().filter(ch -> ch == '\n').count(), (int) lineEnds});
                    }
                    i = placeholder(out, pieces, escape(text.substring(i, end)), end);
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int placeholder(StringBuilder out, List<String> pieces, String html, int next) {
        out.append(OPEN).append(pieces.size()).append(CLOSE);
        pieces.add(html);
        return next;
    }

    /** If a fenced code block (``` or ~~~) opens at {@code lineStart}, the index after it; else {@code lineStart}. */
    private static int fencedBlockEnd(String text, int lineStart) {
        int i = lineStart;
        int indent = 0;
        while (i < text.length() && text.charAt(i) == ' ' && indent < 4) {
            i++;
            indent++;
        }
        if (indent > 3 || i >= text.length() || (text.charAt(i) != '`' && text.charAt(i) != '~')) {
            return lineStart;
        }
        char fence = text.charAt(i);
        int length = run(text, i, fence);
        if (length < 3) {
            return lineStart;
        }
        int line = lineEnd(text, i);
        while (line < text.length()) {
            int next = line + 1;
            int j = next;
            while (j < text.length() && text.charAt(j) == ' ' && j - next < 4) {
                j++;
            }
            if (j < text.length() && text.charAt(j) == fence && run(text, j, fence) >= length
                    && text.substring(j + run(text, j, fence), lineEnd(text, j)).isBlank()) {
                return lineEnd(text, j);
            }
            line = lineEnd(text, next);
        }
        return text.length();                                   // an unclosed fence runs to the end, as in CommonMark
    }

    /** The end of a code span opening at {@code start}, or just past its backticks when it never closes. */
    private static int codeSpanEnd(String text, int start) {
        int length = run(text, start, '`');
        int i = start + length;
        while (i < text.length()) {
            if (text.charAt(i) == '`') {
                int closing = run(text, i, '`');
                if (closing == length) {
                    return i + closing;
                }
                i += closing;
            } else {
                i++;
            }
        }
        return start + length;
    }

    /** The end of {@code $$...$$} opening at {@code start}, or {@code start} when it never closes within the paragraph. */
    private static int displayMathEnd(String text, int start) {
        int i = start + 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '$' && text.startsWith("$$", i)) {
                return i > start + 2 ? i + 2 : start;
            } else if (c == '\n' && blankLineFollows(text, i)) {
                return start;
            } else {
                i++;
            }
        }
        return start;
    }

    /** The end of {@code $...$} opening at {@code start}, or {@code start} when this dollar opens no math. */
    private static int inlineMathEnd(String text, int start) {
        if (start + 1 >= text.length() || Character.isWhitespace(text.charAt(start + 1))) {
            return start;
        }
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '$') {
                boolean closes = !Character.isWhitespace(text.charAt(i - 1))
                        && (i + 1 >= text.length() || !Character.isDigit(text.charAt(i + 1)));
                return closes ? i + 1 : start;
            } else if (c == '\n' && blankLineFollows(text, i)) {
                return start;
            } else {
                i++;
            }
        }
        return start;
    }

    private static boolean blankLineFollows(String text, int newline) {
        int end = lineEnd(text, newline + 1);
        return text.substring(newline + 1, end).isBlank();
    }

    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    private static int run(String text, int from, char c) {
        int i = from;
        while (i < text.length() && text.charAt(i) == c) {
            i++;
        }
        return i - from;
    }

    private static String restore(String html, List<String> pieces) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            int close = c == OPEN ? html.indexOf(CLOSE, i) : -1;
            if (close > i) {
                out.append(pieces.get(Integer.parseInt(html.substring(i + 1, close))));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
