package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The kinds of spec the one JSON format describes, told apart by their content so every entry point (command line,
 * WebSocket, lesson files) dispatches the same way:
 *
 * <ul>
 *   <li>{@code race}: runs racing on a problem ({@link SpecReader#read});</li>
 *   <li>{@code search}: a spec with a {@code search} object: a hyperparameter search (package
 *       {@code org.optimizerlab.search});</li>
 *   <li>{@code activations}: a spec whose {@code problem} is {@code deep-activations}: one forward pass through a
 *       deep network, no optimizer ({@link SpecReader#readActivations}).</li>
 * </ul>
 */
public enum SpecKind {
    RACE("race"),
    SEARCH("search"),
    ACTIVATIONS("activations");

    private final String label;

    SpecKind(String label) {
        this.label = label;
    }

    /** The name of the kind in messages ({@code "race"}, {@code "search"}, {@code "activations"}). */
    public String label() {
        return label;
    }

    /** The kind of a parsed spec document; anything unrecognisable is a race, whose reader reports what is wrong. */
    public static SpecKind of(JsonNode document) {
        if (document == null || !document.isObject()) {
            return RACE;
        }
        if (document.has("search")) {
            return SEARCH;
        }
        JsonNode problem = document.get("problem");
        if (problem != null && problem.isObject() && "deep-activations".equals(problem.path("type").asText())) {
            return ACTIVATIONS;
        }
        return RACE;
    }
}
