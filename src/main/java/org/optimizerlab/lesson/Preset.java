package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.validation.Check;

/**
 * One ready-made experiment of a lesson, as {@code experiment.json} describes it: a race of optimizers the
 * student starts from, what they may change, and what they should see.
 *
 * @param id         the preset's id within its lesson, {@code [a-z0-9-]{1,32}}
 * @param titles     its title per language
 * @param spec       the spec as written in the file (sent to the page, which sends it back to start a run)
 * @param experiment the same spec, validated by the engine
 * @param controls   what the student may change
 * @param claimTexts the claim in words, per language
 * @param claim      the claim as a check on the plotted series
 * @param claimCheck the claim's {@code check} object as written in the file (sent to the page)
 */
public record Preset(String id, Map<Language, String> titles, JsonNode spec, Experiment experiment,
                     Controls controls, Map<Language, String> claimTexts, Claim claim, JsonNode claimCheck) {

    /** The kind of experiment a preset runs; the page's {@code kind}. */
    public static final String RACE = "race";

    public Preset {
        Check.present("id", id);
        titles = Collections.unmodifiableMap(new EnumMap<>(titles));
        spec = spec.deepCopy();
        Check.present("experiment", experiment);
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
