package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.optimizerlab.experiment.GradientEstimateReader;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecKind;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * Reads a lesson's {@code experiment.json} (format: {@code docs/lessons.md}) into {@link Preset}s. Each preset's
 * spec is validated by the engine's reader of its kind and against the server's limits, its controls against
 * {@link FieldSchema}, the engine and the spec ({@link RaceControls}, {@link RunlessControls}), and its claim
 * against the spec. Problems are reported with the field path inside the file; one problem per preset at most
 * (the first found), so one broken preset does not hide the others'.
 */
final class PresetReader {

    /** The most presets one lesson may have. */
    static final int MAX_PRESETS = 20;
    /** The kinds a preset may have. */
    static final List<String> KINDS = List.of(Setup.Race.KIND, Setup.Estimate.KIND, Setup.Activations.KIND,
            Setup.Search.KIND);
    /** What a preset id may look like. */
    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");

    private final Limits limits;
    private final WorkLimits work;
    private final RaceControls raceControls;
    private final RunlessControls runlessControls;

    PresetReader(Limits limits, WorkLimits work) {
        this.limits = limits;
        this.work = work;
        this.raceControls = new RaceControls(limits);
        this.runlessControls = new RunlessControls(work);
    }

    /**
     * The presets of a parsed {@code experiment.json}; each problem is given to {@code problems} as a
     * {@link FieldException} with its path in the file.
     */
    List<Preset> read(JsonNode document, Set<Language> languages, Consumer<FieldException> problems) {
        JsonFields root;
        try {
            root = JsonFields.root(document);
            root.has("presets");
            root.rejectUnknown();
            root.objects("presets", 1, MAX_PRESETS);
        } catch (FieldException e) {
            problems.accept(e);
            return List.of();
        }
        List<Preset> presets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode array = document.get("presets");
        for (int i = 0; i < array.size(); i++) {
            String path = "presets[" + i + "]";
            try {
                Preset preset = readPreset(array.get(i), path, languages);
                if (!ids.add(preset.id())) {
                    throw new FieldException(path + ".id", "duplicate preset id '" + preset.id() + "'");
                }
                presets.add(preset);
            } catch (FieldException e) {
                problems.accept(e);
            }
        }
        return presets;
    }

    private Preset readPreset(JsonNode node, String path, Set<Language> languages) {
        JsonFields preset = JsonFields.of(node, path);
        String id = preset.text("id");
        if (!ID.matcher(id).matches()) {
            throw new FieldException(preset.path("id"), "must match " + ID + ", got " + Quote.of(id));
        }
        Map<Language, String> titles = texts(preset, "title", languages);
        String kind = preset.choice("kind", KINDS, Setup.Race.KIND);
        preset.object("spec");
        JsonNode spec = node.get("spec");
        String specPath = preset.path("spec");
        Setup setup;
        try {
            setup = readSetup(kind, spec);
        } catch (FieldException e) {
            throw e.under(specPath);
        }
        JsonFields c = preset.object("controls");
        JsonNode controlsNode = node.get("controls");
        Controls controls;
        if (setup instanceof Setup.Race race) {
            controls = raceControls.read(c, controlsNode, spec, race.experiment(), specPath);
        } else if (setup instanceof Setup.Estimate estimate) {
            controls = runlessControls.estimate(c, controlsNode, estimate.estimate());
        } else if (setup instanceof Setup.Activations study) {
            controls = runlessControls.activations(c, controlsNode, spec, study.study(), specPath);
        } else {
            controls = runlessControls.search(c, controlsNode, spec, ((Setup.Search) setup).search(), specPath);
        }
        JsonFields claimFields = preset.object("claim");
        Map<Language, String> claimTexts = texts(claimFields, "text", languages);
        Claim claim = Claim.read(claimFields.object("check"));
        JsonNode claimCheck = node.get("claim").get("check");
        claimFields.rejectUnknown();
        checkClaim(claim, setup, claimFields.path("check"));
        preset.rejectUnknown();
        return new Preset(id, titles, spec, setup, controls, claimTexts, claim, claimCheck);
    }

    /** The spec read by the engine's reader of {@code kind}, within the server's limits. */
    private Setup readSetup(String kind, JsonNode spec) {
        SpecKind specKind = SpecKind.of(spec);
        String expected = switch (specKind) {
            case RACE -> kind.equals(Setup.Estimate.KIND) ? Setup.Estimate.KIND : Setup.Race.KIND;
            case SEARCH -> Setup.Search.KIND;
            case ACTIVATIONS -> Setup.Activations.KIND;
        };
        if (!expected.equals(kind)) {
            throw new FieldException("", "is a spec of kind " + specKind.label() + ", but the preset's kind is " + kind
                    + "; set \"kind\": \"" + expected + "\"");
        }
        return switch (kind) {
            case Setup.Race.KIND -> new Setup.Race(work.check(new SpecReader(limits).read(spec)));
            case Setup.Estimate.KIND -> new Setup.Estimate(GradientEstimateReader.read(spec));
            case Setup.Activations.KIND -> new Setup.Activations(work.check(SpecReader.readActivations(spec)));
            case Setup.Search.KIND -> new Setup.Search(work.check(SearchReader.read(spec)));
            default -> throw new IllegalStateException("unreachable: " + kind);
        };
    }

    /** {@code {"en": "...", "zh": "..."}}: a one-line text for each language the lesson is written in. */
    private static Map<Language, String> texts(JsonFields owner, String name, Set<Language> languages) {
        JsonFields texts = owner.object(name);
        Map<Language, String> result = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            boolean needed = languages.contains(language);
            if (needed || texts.has(language.code())) {
                String text = texts.text(language.code());
                if (text.isBlank()) {
                    throw new FieldException(texts.path(language.code()), "must not be empty");
                }
                if (text.length() > 1000) {
                    throw new FieldException(texts.path(language.code()), "must be at most 1000 characters");
                }
                result.put(language, text);
            }
        }
        texts.rejectUnknown();
        return result;
    }

    private static void checkClaim(Claim claim, Setup setup, String path) {
        if (!claim.kind().equals(setup.kind())) {
            throw new FieldException(path + ".type", "'" + claim.type() + "' is not a claim about "
                    + ControlReading.article(setup.kind())
                    + "; use one of " + String.join(", ", Claim.TYPES.stream()
                    .filter(t -> Claim.kindOf(t).equals(setup.kind())).toList()));
        }
        if (setup instanceof Setup.Race race) {
            List<String> ids = race.experiment().runs().stream().map(Run::id).toList();
            for (String run : claim.runs()) {
                if (!ids.contains(run)) {
                    throw new FieldException(path, "names run " + Quote.of(run) + ", which the spec does not have; "
                            + "runs: " + String.join(", ", ids));
                }
            }
        }
        try {
            claim.checkAgainst(setup);
        } catch (FieldException e) {
            throw e.under(path);
        }
    }
}
