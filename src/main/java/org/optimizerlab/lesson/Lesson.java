package org.optimizerlab.lesson;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * One lesson: its position in the course, its address, its text in each language it is written in, and its
 * experiment presets. Loaded from a folder {@code NN-slug} by {@link LessonLoader}.
 *
 * @param order   the lesson's position, {@code NN} of its folder, 1..99
 * @param slug    its address, {@code /lessons/{slug}}: {@code [a-z0-9]+(-[a-z0-9]+)*}
 * @param texts   its text per language, at least one
 * @param presets its experiment presets, at least one
 * @param pictures the pictures of its folder by file name, served at {@code /lessons/{slug}/files/{name}}
 * @param data     the data files of its folder ({@code *.csv}), read when it was loaded: the only files a
 *                 {@code csv} problem of a race on its page may name
 */
public record Lesson(int order, String slug, Map<Language, LessonText> texts, List<Preset> presets,
                     Map<String, Picture> pictures, DataFolder data) {

    /** What a slug may look like. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Lesson {
        Check.intInRange("order", order, 1, 99);
        Check.present("slug", slug);
        if (!SLUG.matcher(slug).matches()) {
            throw new FieldException("slug", "must match " + SLUG + ", got '" + slug + "'");
        }
        if (texts.isEmpty()) {
            throw new FieldException("texts", "must have at least one language");
        }
        texts = Collections.unmodifiableMap(new EnumMap<>(texts));
        presets = List.copyOf(presets);
        pictures = Collections.unmodifiableMap(new java.util.TreeMap<>(pictures));
        Check.present("data", data);
    }

    /** A lesson without data files. */
    public Lesson(int order, String slug, Map<Language, LessonText> texts, List<Preset> presets,
                  Map<String, Picture> pictures) {
        this(order, slug, texts, presets, pictures, new DataFolder.Kept(Map.of()));
    }

    /** A lesson without pictures. */
    public Lesson(int order, String slug, Map<Language, LessonText> texts, List<Preset> presets) {
        this(order, slug, texts, presets, Map.of());
    }

    /** The address of one of its pictures. */
    public static String pictureUrl(String slug, String name) {
        return "/lessons/" + slug + "/files/" + name;
    }

    /** The languages the lesson is written in, in {@link Language} order. */
    public Set<Language> languages() {
        return texts.keySet();
    }

    /** The text in {@code wanted}, or in the first language the lesson has when it is not written in that one. */
    public LessonText text(Language wanted) {
        LessonText text = texts.get(wanted);
        return text != null ? text : texts.values().iterator().next();
    }
}
