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
import org.optimizerlab.data.DataFolder;
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
 * against the spec. Problems are reported with the field path inside the file: the first of each part of a preset
 * (its id, title, spec and controls, claim, unknown fields), so one broken part does not hide the others'.
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
     * The presets of a parsed {@code experiment.json} whose {@code csv} problems read their tables from
     * {@code data} (the lesson's data files); each problem is given to {@code problems}.
     */
    List<Preset> read(JsonNode document, Set<Language> languages, DataFolder data,
                      Consumer<FieldException> problems) {
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
            Preset preset = readPreset(array.get(i), path, languages, data, problems);
            if (preset != null && !ids.add(preset.id())) {
                problems.accept(new FieldException(path + ".id", "duplicate preset id '" + preset.id() + "'"));
            } else if (preset != null) {
                presets.add(preset);
            }
        }
        return presets;
    }

    /** A part of a preset, read on its own so that a problem in one does not hide the others'. */
    @FunctionalInterface
    private interface Part<T> {
        T read();
    }

    /** What {@code part} reads, or null after giving its problem to {@code problems}. */
    private static <T> T part(Part<T> part, Consumer<FieldException> problems) {
        try {
            return part.read();
        } catch (FieldException e) {
            problems.accept(e);
            return null;
        }
    }

    /**
     * A preset, or null when it has problems: each part (id, title, spec and controls, claim, unknown fields) is
     * checked on its own and reports its first problem, so an author sees a broken title and a broken spec at once.
     */
    private Preset readPreset(JsonNode node, String path, Set<Language> languages, DataFolder data,
                              Consumer<FieldException> problems) {
        JsonFields preset;
        try {
            preset = JsonFields.of(node, path);
        } catch (FieldException e) {
            problems.accept(e);
            return null;
        }
        int[] count = {0};
        Consumer<FieldException> counted = e -> {
            count[0]++;
            problems.accept(e);
        };
        String id = part(() -> {
            String value = preset.text("id");
            if (!ID.matcher(value).matches()) {
                throw new FieldException(preset.path("id"), "must match " + ID + ", got " + Quote.of(value));
            }
            return value;
        }, counted);
        Map<Language, String> titles = part(() -> texts(preset, "title", languages), counted);
        String kind = part(() -> preset.choice("kind", KINDS, Setup.Race.KIND), counted);
        JsonNode spec = node.get("spec");
        String specPath = preset.path("spec");
        Setup setup = kind == null ? null : part(() -> {
            preset.object("spec");
            try {
                return readSetup(kind, spec, data);
            } catch (FieldException e) {
                throw e.under(specPath);
            }
        }, counted);
        Controls controls = setup == null ? null : part(() -> {
            JsonFields c = preset.object("controls");
            JsonNode controlsNode = node.get("controls");
            if (setup instanceof Setup.Race race) {
                return raceControls.read(c, controlsNode, spec, race.experiment(), specPath, data);
            } else if (setup instanceof Setup.Estimate estimate) {
                return runlessControls.estimate(c, controlsNode, estimate.estimate());
            } else if (setup instanceof Setup.Activations study) {
                return runlessControls.activations(c, controlsNode, spec, study.study(), specPath);
            }
            return runlessControls.search(c, controlsNode, spec, ((Setup.Search) setup).search(), specPath, data);
        }, counted);
        JsonFields claimFields = part(() -> preset.object("claim"), counted);
        Map<Language, String> claimTexts = claimFields == null ? null
                : part(() -> texts(claimFields, "text", languages), counted);
        Claim claim = claimFields == null ? null : part(() -> {
            Claim read = Claim.read(claimFields.object("check"));
            claimFields.rejectUnknown();
            if (setup != null) {
                checkClaim(read, setup, claimFields.path("check"));
            }
            return read;
        }, counted);
        if (setup == null) {                                    // known fields, so they are not called unknown
            part(() -> preset.has("spec") | preset.has("controls"), e -> { });
        }
        part(() -> {
            preset.rejectUnknown();
            return null;
        }, counted);
        if (count[0] > 0) {
            return null;
        }
        return new Preset(id, titles, spec, setup, controls, claimTexts, claim, node.get("claim").get("check"));
    }

    /** The spec read by the engine's reader of {@code kind}, within the server's limits. */
    private Setup readSetup(String kind, JsonNode spec, DataFolder data) {
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
            case Setup.Race.KIND -> new Setup.Race(work.check(new SpecReader(limits, data).read(spec)));
            case Setup.Estimate.KIND -> new Setup.Estimate(GradientEstimateReader.read(spec, data));
            case Setup.Activations.KIND -> new Setup.Activations(work.check(SpecReader.readActivations(spec)));
            case Setup.Search.KIND -> new Setup.Search(work.check(SearchReader.read(spec, data)));
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
