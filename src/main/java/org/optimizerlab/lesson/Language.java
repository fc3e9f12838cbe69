package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A language lessons and pages are written in: its code in file names, URLs and JSON ({@code en}, {@code zh}) and
 * its tag for the HTML {@code lang} attribute ({@code en}, {@code zh-CN}).
 */
public enum Language {
    EN("en", "en", Locale.ENGLISH),
    ZH("zh", "zh-CN", Locale.SIMPLIFIED_CHINESE);

    /** The language of a request that expresses no usable preference. */
    public static final Language FALLBACK = EN;

    private final String code;
    private final String htmlLang;
    private final Locale locale;

    Language(String code, String htmlLang, Locale locale) {
        this.code = code;
        this.htmlLang = htmlLang;
        this.locale = locale;
    }

    /** {@code en} or {@code zh}: lesson file names ({@code zh.md}), {@code ?lang=}, JSON keys. */
    public String code() {
        return code;
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    public String htmlLang() {
        return htmlLang;
    }

    /** The locale of the message bundle. */
    public Locale locale() {
        return locale;
    }

    /** Every code, for error messages: {@code en, zh}. */
    public static List<String> codes() {
        List<String> codes = new ArrayList<>();
        for (Language language : values()) {
            codes.add(language.code);
        }
        return codes;
    }

    /** The language with this exact code, if there is one. */
    public static Optional<Language> fromCode(String code) {
        for (Language language : values()) {
            if (language.code.equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * The most preferred language of an {@code Accept-Language} header ({@code zh-CN,zh;q=0.9,en;q=0.8}): ranges
     * by descending quality, the first whose primary subtag is a language we have; empty when none is.
     */
    public static Optional<Language> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 1000) {
            return Optional.empty();
        }
        record Range(String tag, double quality, int position) {
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = header.split(",");
        for (int i = 0; i < parts.length && i < 50; i++) {
            String[] pieces = parts[i].trim().split(";");
            String tag = pieces[0].trim().toLowerCase(Locale.ROOT);
            double quality = 1;
            for (int j = 1; j < pieces.length; j++) {
                String parameter = pieces[j].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (!tag.isEmpty() && quality > 0) {
                ranges.add(new Range(tag, quality, i));
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed().thenComparingInt(Range::position));
        for (Range range : ranges) {
            int dash = range.tag().indexOf('-');
            Optional<Language> language = fromCode(dash < 0 ? range.tag() : range.tag().substring(0, dash));
            if (language.isPresent()) {
                return language;
            }
        }
        return Optional.empty();
    }
}
