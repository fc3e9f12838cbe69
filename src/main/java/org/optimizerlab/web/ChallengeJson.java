package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.optimizerlab.classroom.ChallengeService;
import org.optimizerlab.classroom.LeaderboardEntry;

/** Challenges and leaderboards as the challenge endpoints answer them (docs/classroom.md). */
final class ChallengeJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChallengeJson() {
    }

    /** {@code {id, lesson, title, preset, goal, fixed, deadline, showLeaderboard, open, createdAt, closedAt}}. */
    static ObjectNode challenge(ChallengeService.View view) {
        ObjectNode node = NODES.objectNode();
        node.put("id", view.challenge().id());
        node.put("lesson", view.challenge().challenge().lessonSlug());
        node.put("title", view.challenge().challenge().title());
        node.put("preset", view.definition().preset());
        node.set("goal", view.definition().goal().toJson());
        ArrayNode fixed = node.putArray("fixed");
        view.definition().fixed().stream().sorted().forEach(fixed::add);
        node.put("deadline", view.definition().deadline().map(Object::toString).orElse(null));
        node.put("showLeaderboard", view.definition().showLeaderboard());
        node.put("open", view.open());
        node.put("createdAt", view.challenge().createdAt().toString());
        node.put("closedAt", view.challenge().closedAt().map(Object::toString).orElse(null));
        return node;
    }

    /** The leaderboard's lines: {@code [{rank, name, score, run, optimizer, schedule, attempts, at}]}. */
    static ArrayNode lines(List<ChallengeService.Line> lines) {
        ArrayNode array = NODES.arrayNode();
        for (ChallengeService.Line line : lines) {
            LeaderboardEntry e = line.entry();
            ObjectNode node = array.addObject();
            node.put("rank", e.rank());
            node.put("name", e.displayName().orElse(""));
            node.put("score", e.bestScore());
            node.put("run", line.run());
            node.set("optimizer", line.optimizer());
            node.set("schedule", line.schedule().orElse(null));
            node.put("attempts", e.attempts());
            node.put("at", e.bestAt().toString());
        }
        return array;
    }
}
