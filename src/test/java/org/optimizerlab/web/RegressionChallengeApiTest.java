package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ChallengeApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.EngineScores;

/**
 * A challenge on a regression table over HTTP (the test course {@code regression}): the goal
 * {@code validation-loss} is offered for its race preset, each submission is scored by the server's rerun with the
 * engine's lowest validation loss, and the leaderboard puts the lower loss first.
 */
class RegressionChallengeApiTest {
    private static ChallengeApi api;

    @BeforeAll
    static void start() {
        api = ChallengeApi.start("regression");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void submissionsAreRankedByTheServersValidationLossLowestFirst() throws Exception {
        JsonNode list = json(api.instructorGet("/api/instructor/challenges"));
        JsonNode fit = list.get("presets").findParents("preset").stream()
                .filter(p -> p.get("preset").asText().equals("fit")).findFirst().orElseThrow();
        assertThat(fit.get("goals").toString()).isEqualTo("[\"validation-loss\"]");

        long id = api.open("{\"lesson\": \"synthetic\", "
                + "\"preset\": \"fit\", \"goal\": {\"type\": \"validation-loss\", \"epochs\": 8}, "
                + "\"fixed\": [\"problem\", \"seed\", \"batch_size\"], \"showLeaderboard\": true}");

        // sent first: a small lr, which ends higher; the student's seed and 2 epochs give way to the challenge's
        String slow = "[{\"id\": \"slow\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.005}}]";
        String fast = "[{\"id\": \"fast\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.05, \"mu\": 0.9}}]";
        HttpResponse<String> first = api.submit(id, "{\"studentId\": \"s-slow\", "
                + "\"name\": \"Sam\", \"spec\": {\"epochs\": 2, \"seed\": 5, \"runs\": " + slow + "}}");
        HttpResponse<String> second = api.submit(id, "{\"studentId\": \"s-fast\", "
                + "\"name\": \"Fei\", \"spec\": {\"runs\": " + fast + "}}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        double slowLoss = EngineScores.lowestValidationLossOnRegressionTable(slow, 8);
        double fastLoss = EngineScores.lowestValidationLossOnRegressionTable(fast, 8);
        assertThat(json(first).get("score").asDouble()).isEqualTo(slowLoss);
        assertThat(json(second).get("score").asDouble()).isEqualTo(fastLoss);
        assertThat(fastLoss).isLessThan(slowLoss);

        JsonNode board = json(api.instructorGet("/api/instructor/challenges/" + id + "/leaderboard"));
        List<String> names = board.get("lines").findValuesAsText("name");
        assertThat(names).as("the lower validation loss first").containsExactly("Fei", "Sam");
        assertThat(board.get("lines").get(0).get("score").asDouble()).isEqualTo(fastLoss);
    }

    @Test
    void anAccuracyGoalOnTheRegressionTableIsRefusedNamingGoalType() throws Exception {
        HttpResponse<String> refused = api.instructorPost("/api/instructor/challenges", "{\"lesson\": \"synthetic\", "
                + "\"preset\": \"fit\", \"goal\": {\"type\": \"validation-accuracy\", \"epochs\": 8}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("field").asText()).isEqualTo("goal.type");
        assertThat(json(refused).get("error").asText()).endsWith("(a regression: use 'validation-loss')");
        assertThat(refused.body()).doesNotContain("Exception", "org.optimizerlab");
    }
}
