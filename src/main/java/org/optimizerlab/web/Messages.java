package org.optimizerlab.web;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.optimizerlab.lesson.Language;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

/**
 * The UI strings of every page, from the message bundles {@code i18n/messages_en.properties} and
 * {@code i18n/messages_zh.properties} (UTF-8) of the web folder. Templates read them as {@code #{key}} (this is
 * their Thymeleaf message resolver, by the template's locale); the entries whose key starts with {@code js.} go to
 * the front end as the lesson page's {@code strings}.
 *
 * <p>A key missing in one language falls back to English, then shows as {@code ??key??}. Immutable.
 */
public final class Messages implements IMessageResolver {

    /** The prefix of the entries the front end gets. */
    public static final String JS_PREFIX = "js.";

    private final Map<Language, Map<String, String>> bundles;

    private Messages(Map<Language, Map<String, String>> bundles) {
        this.bundles = bundles;
    }

    /** Reads every language's bundle; a missing bundle is an error (the app does not start). */
    public static Messages load(WebAssets assets) {
        Map<Language, Map<String, String>> bundles = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String file = "i18n/messages_" + language.code() + ".properties";
            String text = assets.readText(file).orElseThrow(() -> new IllegalStateException(
                    "the message bundle web/" + file + " is missing"));
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("web/" + file + ": " + e.getMessage(), e);
            }
            Map<String, String> entries = new TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                entries.put(key, properties.getProperty(key));
            }
            bundles.put(language, Collections.unmodifiableMap(entries));
        }
        return new Messages(Collections.unmodifiableMap(bundles));
    }

    /** Every entry of a language, by key. */
    public Map<String, String> bundle(Language language) {
        return bundles.get(language);
    }

    /** The text of {@code key} in {@code language}, English when it has none, {@code ??key??} when neither has. */
    public String get(Language language, String key) {
        String text = bundles.get(language).get(key);
        if (text == null) {
            text = bundles.get(Language.FALLBACK).get(key);
        }
        return text == null ? "??" + key + "??" : text;
    }

    /** The {@code js.*} entries of {@code language}, without the prefix, for the front end. */
    public Map<String, String> jsStrings(Language language) {
        Map<String, String> strings = new TreeMap<>();
        for (String key : bundles.get(Language.FALLBACK).keySet()) {
            if (key.startsWith(JS_PREFIX)) {
                strings.put(key.substring(JS_PREFIX.length()), get(language, key));
            }
        }
        for (String key : bundles.get(language).keySet()) {
            if (key.startsWith(JS_PREFIX)) {
                strings.put(key.substring(JS_PREFIX.length()), get(language, key));
            }
        }
        return strings;
    }

    @Override
    public String getName() {
        return "optimizer-lab-bundles";
    }

    @Override
    public Integer getOrder() {
        return 0;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        Language language = Language.fromCode(context.getLocale().getLanguage()).orElse(Language.FALLBACK);
        String text = get(language, key);
        return parameters == null || parameters.length == 0 ? text
                : new MessageFormat(text, language.locale()).format(parameters);
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                    Object[] parameters) {
        return "??" + key + "??";
    }
}
