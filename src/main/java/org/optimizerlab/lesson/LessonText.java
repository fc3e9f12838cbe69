package org.optimizerlab.lesson;

import org.optimizerlab.validation.Check;

/**
 * A lesson's text in one language, from its {@code en.md} or {@code zh.md}.
 *
 * @param language the language it is written in
 * @param title    the title from the front matter, one line
 * @param summary  the one-line summary from the front matter (plain text; may contain {@code $...$} math)
 * @param html     the body rendered to HTML (raw HTML escaped, math left as {@code $...$} text for KaTeX)
 */
public record LessonText(Language language, String title, String summary, String html) {

    public LessonText {
        Check.present("language", language);
        Check.present("title", title);
        Check.present("summary", summary);
        Check.present("html", html);
    }
}
