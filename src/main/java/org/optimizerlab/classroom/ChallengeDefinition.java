package org.optimizerlab.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * What a challenge is, kept as the JSON of {@link NewChallenge#spec}: the lesson preset it starts from (its spec
 * copied when the challenge opened), the goal, the spec fields the challenge fixes to the preset's values, an
 * optional deadline, and whether students see the leaderboard.
 *
 * @param preset          the preset's id in the challenge's lesson
 * @param spec            the preset's spec when the challenge opened
 * @param goal            what is scored
 * @param fixed           the fields of {@link #FIXABLE} that always take the preset's values
 * @param deadline        when submissions stop, if the challenge has a deadline
 * @param showLeaderboard whether students see the leaderboard on the lesson page
 */
public record ChallengeDefinition(String preset, JsonNode spec, ChallengeGoal goal, Set<String> fixed,
                                  Optional<Instant> deadline, boolean showLeaderboard) {

    /** The spec fields a challenge may fix; the budget ({@code steps} or {@code epochs}) is always fixed. */
    public static final List<String> FIXABLE = List.of("problem", "seed", "start", "batch_size");

    public ChallengeDefinition {
        Check.present("preset", preset);
        spec = Check.present("spec", spec).deepCopy();
        Check.present("goal", goal);
        fixed = Set.copyOf(fixed);
        for (String field : fixed) {
            if (!FIXABLE.contains(field)) {
                throw new FieldException("fixed", "must name fields among " + String.join(", ", FIXABLE)
                        + "; got '" + FieldException.oneLine(field) + "'");
            }
        }
        Check.present("deadline", deadline);
    }

    @Override
    public JsonNode spec() {
        return spec.deepCopy();
    }

    /** The definition as stored. */
    public String toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("preset", preset);
        node.set("spec", spec);
        node.set("goal", goal.toJson());
        ArrayNode fixedNode = node.putArray("fixed");
        new TreeSet<>(fixed).forEach(fixedNode::add);
        deadline.ifPresent(d -> node.put("deadline", d.toEpochMilli()));
        node.put("showLeaderboard", showLeaderboard);
        return node.toString();
    }

    /** Reads a stored definition. */
    public static ChallengeDefinition fromJson(String json) {
        JsonFields root = JsonFields.root(SpecReader.parse(json));
        JsonNode node = SpecReader.parse(json);
        String preset = root.text("preset");
        ChallengeGoal goal = ChallengeGoal.read(root.object("goal"));
        List<String> fixed = new ArrayList<>();
        node.path("fixed").forEach(f -> fixed.add(f.asText()));
        root.has("fixed");
        root.has("spec");
        Optional<Instant> deadline = root.has("deadline")
                ? Optional.of(Instant.ofEpochMilli(root.integer("deadline", 0, Long.MAX_VALUE)))
                : Optional.empty();
        boolean show = root.bool("showLeaderboard", false);
        root.rejectUnknown();
        return new ChallengeDefinition(preset, node.get("spec"), goal, new TreeSet<>(fixed), deadline, show);
    }
}
