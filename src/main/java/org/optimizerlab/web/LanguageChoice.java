package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;
import org.optimizerlab.lesson.Language;

/**
 * Picks the language of a page: {@code ?lang=zh|en} (then remembered in the {@code lang} cookie for a year), else
 * the cookie, else the browser's {@code Accept-Language}, else English. An unknown {@code ?lang} is ignored.
 */
public final class LanguageChoice {

    /** The cookie that remembers a chosen language. */
    public static final String COOKIE = "lang";
    /** How long the choice is remembered, in seconds. */
    static final int COOKIE_MAX_AGE = 365 * 24 * 3600;

    private LanguageChoice() {
    }

    /** The language of this request; remembers an explicit {@code ?lang} choice in a cookie. */
    public static Language of(Context ctx) {
        Optional<Language> asked = Optional.ofNullable(ctx.queryParam("lang")).flatMap(Language::fromCode);
        if (asked.isPresent()) {
            ctx.cookie(new Cookie(COOKIE, asked.get().code(), "/", COOKIE_MAX_AGE, false, true, null,
                    SameSite.LAX));
            return asked.get();
        }
        return Optional.ofNullable(ctx.cookie(COOKIE)).flatMap(Language::fromCode)
                .or(() -> Language.fromAcceptLanguage(ctx.header("Accept-Language")))
                .orElse(Language.FALLBACK);
    }
}
