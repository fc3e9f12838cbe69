package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * One ready-made experiment of a lesson, as {@code experiment.json} describes it: what it runs (a race of
 * optimizers, or a gradient estimate), what the student may change, and what they should see.
 *
 * @param id         the preset's id within its lesson, {@code [a-z0-9-]{1,32}}
 * @param titles     its title per language
 * @param spec       the spec as written in the file (sent to the page, which sends it back to run it)
 * @param setup      the same spec, validated by the engine, and so the preset's kind
 * @param controls   what the student may change
 * @param claimTexts the claim in words, per language
 * @param claim      the claim as a check on the plotted series
 * @param claimCheck the claim's {@code check} object as written in the file (sent to the page)
 */
public record Preset(String id, Map<Language, String> titles, JsonNode spec, Setup setup,
                     Controls controls, Map<Language, String> claimTexts, Claim claim, JsonNode claimCheck) {

    public Preset {
        Check.present("id", id);
        titles = Collections.unmodifiableMap(new EnumMap<>(titles));
        spec = spec.deepCopy();
        Check.present("setup", setup);
        Check.present("controls", controls);
        claimTexts = Collections.unmodifiableMap(new EnumMap<>(claimTexts));
        Check.present("claim", claim);
        claimCheck = claimCheck.deepCopy();
    }

    /** The spec as written (a copy: JSON trees are mutable). */
    @Override
    public JsonNode spec() {
        return spec.deepCopy();
    }

    /** The claim's check as written (a copy). */
    @Override
    public JsonNode claimCheck() {
        return claimCheck.deepCopy();
    }

    /** The preset's kind: {@code race} or {@code gradient-estimate}. */
    public String kind() {
        return setup.kind();
    }

    /** The title in {@code wanted}, or in another language when the preset has none in that one. */
    public String title(Language wanted) {
        return pick(titles, wanted);
    }

    /** The claim's text in {@code wanted}, or in another language when the preset has none in that one. */
    public String claimText(Language wanted) {
        return pick(claimTexts, wanted);
    }

    private static String pick(Map<Language, String> texts, Language wanted) {
        String text = texts.get(wanted);
        return text != null ? text : texts.values().iterator().next();
    }
}
