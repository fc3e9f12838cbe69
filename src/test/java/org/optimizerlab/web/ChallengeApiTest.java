package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ChallengeApi.json;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.EngineScores;
import org.slf4j.LoggerFactory;

/**
 * The challenge endpoints on a real server (lessons/challenges): opening and closing, validation errors that
 * name the field, scores equal to the engine's own run of the same spec, the challenge's fixed fields winning,
 * the per-student limit, who may do what, and the CSV.
 */
class ChallengeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ChallengeApi api;

    @BeforeAll
    static void start() {
        api = ChallengeApi.start("challenges");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static long openBanana(String extra) throws Exception {
        return api.open("{\"lesson\": \"banana\", "
                + "\"preset\": \"banana\", \"goal\": {\"type\": \"steps-to-loss\", \"threshold\": 1e-3, "
                + "\"steps\": 1000}, \"fixed\": [\"problem\", \"seed\", \"start\"]" + extra + "}");
    }

    private static String submission(String student, String name, String runs) {
        return "{\"studentId\": \"" + student + "\", \"name\": " + new TextNode(name) + ", \"spec\": {\"problem\": "
                + "{\"type\": \"rosenbrock\"}, \"start\": [0.5, 0.5], \"steps\": 5, \"seed\": 9, \"runs\": " + runs
                + "}}";
    }

    @Test
    void scoresAreTheEnginesOwnOnTheChallengesFixedFieldsAndTheLeaderboardRanksThem() throws Exception {
        long id = openBanana(", \"title\": \"Fastest to 1e-3\"");
        String adam = "[{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}]";
        String momentum = "[{\"id\": \"m\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.002, \"mu\": 0.95}}]";
        HttpResponse<String> first = api.submit(id, submission("s-adam", "Ada", adam));
        HttpResponse<String> second = api.submit(id,
                submission("s-mom", "=HYPERLINK(\"x\")", momentum));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);

        // the student's start [0.5, 0.5], seed and 5 steps are overridden by the challenge's start and budget
        String fixedSpec = "{\"problem\": {\"type\": \"rosenbrock\"}, \"start\": [-1.5, 2.0], \"steps\": 1000, "
                + "\"runs\": %s}";
        int adamSteps = EngineScores.firstStepBelow(String.format(fixedSpec, adam), 1e-3).orElseThrow();
        int momentumSteps = EngineScores.firstStepBelow(String.format(fixedSpec, momentum), 1e-3).orElseThrow();
        assertThat(json(first).get("score").asDouble()).isEqualTo(adamSteps);
        assertThat(json(second).get("score").asDouble()).isEqualTo(momentumSteps);
        assertThat(adamSteps).isNotEqualTo(momentumSteps);
        String studentsStart = String.format(fixedSpec.replace("[-1.5, 2.0]", "[0.5, 0.5]"), adam);
        assertThat(EngineScores.firstStepBelow(studentsStart, 1e-3))
                .as("the student's own start would score differently").isNotEqualTo(OptionalInt.of(adamSteps));

        JsonNode board = json(api.instructorGet("/api/instructor/challenges/" + id + "/leaderboard"));
        List<String> names = board.get("lines").findValuesAsText("name");
        assertThat(names).containsExactly(adamSteps < momentumSteps ? new String[] {"Ada", "=HYPERLINK(\"x\")"}
                : new String[] {"=HYPERLINK(\"x\")", "Ada"});
        assertThat(board.get("lines").get(0).get("optimizer").get("type").asText())
                .isEqualTo(adamSteps < momentumSteps ? "adam" : "momentum");

        HttpResponse<String> csv = api.instructorGet("/api/instructor/challenges/" + id + "/leaderboard.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"challenge-" + id + "-leaderboard.csv\"");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("\uFEFF" + LeaderboardCsv.HEADER);
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"x\"\")\"", "\"lr=0.1\"", "\"lr=0.002; mu=0.95\"",
                "\"Ada\"").doesNotContain(",\"=HYPERLINK");
        assertThat(rows).hasSize(3);
    }

    @Test
    void aSpecNamesTheBadFieldAndOneOutsideThePresetsControlsIsRefused() throws Exception {
        long id = openBanana("");
        HttpResponse<String> bad = api.submit(id, submission("s1", "Bo",
                "[{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": -1}}]"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("spec.runs[0].optimizer.lr");
        HttpResponse<String> outside = api.submit(id, submission("s1", "Bo",
                "[{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.9}}]"));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(json(outside).get("field").asText()).isEqualTo("spec.runs[0].optimizer.lr");
        HttpResponse<String> notOffered = api.submit(id, submission("s1", "Bo",
                "[{\"id\": \"a\", \"optimizer\": {\"type\": \"rmsprop\", \"lr\": 0.01}}]"));
        assertThat(json(notOffered).get("field").asText()).isEqualTo("spec.runs[0].optimizer.type");
        HttpResponse<String> noName = api.submit(id, "{\"studentId\": \"new-one\", "
                + "\"spec\": {\"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}]}}");
        assertThat(json(noName).get("field").asText()).isEqualTo("name");
        HttpResponse<String> missed = api.submit(id, submission("s1", "Bo",
                "[{\"id\": \"slow\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.0001}}]"));
        assertThat(missed.statusCode()).isEqualTo(400);
        assertThat(json(missed).get("field").asText()).isEqualTo("spec.runs");
        assertThat(json(missed).get("error").asText()).contains("nothing was stored");

        HttpResponse<String> badGoal = api.instructorPost("/api/instructor/challenges", "{\"lesson\": \"banana\", "
                + "\"preset\": \"banana\", \"goal\": {\"type\": \"steps-to-loss\", \"threshold\": -1, \"steps\": 10}}");
        assertThat(badGoal.statusCode()).isEqualTo(400);
        assertThat(json(badGoal).get("field").asText()).isEqualTo("goal.threshold");
        HttpResponse<String> wrongKind = api.instructorPost("/api/instructor/challenges", "{\"lesson\": \"banana\", "
                + "\"preset\": \"banana\", \"goal\": {\"type\": \"validation-accuracy\", \"epochs\": 5}}");
        assertThat(json(wrongKind).get("field").asText()).isEqualTo("goal.type");
        HttpResponse<String> badFixed = api.instructorPost("/api/instructor/challenges", "{\"lesson\": \"banana\", "
                + "\"preset\": \"banana\", \"goal\": {\"type\": \"steps-to-loss\", \"threshold\": 1, \"steps\": 10},"
                + " \"fixed\": [\"runs\"]}");
        assertThat(json(badFixed).get("field").asText()).isEqualTo("fixed[0]");
        HttpResponse<String> noPreset = api.instructorPost("/api/instructor/challenges", "{\"lesson\": \"banana\", "
                + "\"preset\": \"nope\", \"goal\": {\"type\": \"steps-to-loss\", \"threshold\": 1, \"steps\": 10}}");
        assertThat(json(noPreset).get("field").asText()).isEqualTo("preset");
        assertThat(noPreset.body()).doesNotContain("Exception", "org.optimizerlab");
    }

    @Test
    void accuracyWithinEpochsIsTheEnginesBestValidationAccuracy() throws Exception {
        long id = api.open("{\"lesson\": \"spiral\", "
                + "\"preset\": \"spiral\", \"goal\": {\"type\": \"validation-accuracy\", \"epochs\": 8}, "
                + "\"fixed\": [\"problem\", \"seed\", \"batch_size\"], \"showLeaderboard\": true}");
        String runs = "[{\"id\": \"m\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.1, \"mu\": 0.9}}]";
        HttpResponse<String> sent = api.submit(id, "{\"studentId\": \"acc\", "
                + "\"name\": \"Li\", \"spec\": {\"problem\": {\"type\": \"mlp-spiral\", \"hidden\": 50}, "
                + "\"epochs\": 50,"
                + " \"runs\": " + runs + "}}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        double best = EngineScores.bestValidationAccuracy("{\"problem\": {\"type\": \"mlp-spiral\", "
                + "\"points_per_class\": 40, \"hidden\": 20, \"init\": \"he\", \"reg\": 0.001},"
                + " \"epochs\": 8, \"batch_size\": 40, \"seed\": 3, \"runs\": " + runs + "}");
        assertThat(json(sent).get("score").asDouble()).isEqualTo(best);
        JsonNode listed = json(api.get("/api/challenges?lesson=spiral&student=acc")).get("challenges").get(0);
        assertThat(listed.get("mine").get("best").asDouble()).isEqualTo(best);
        assertThat(listed.get("leaderboard").get(0).get("name").asText()).isEqualTo("Li");
        assertThat(api.get("/api/challenges/" + id + "/leaderboard").statusCode()).isEqualTo(200);
    }

    @Test
    void problemFieldsLeftFreeAreTheStudentsWithinTheirControls() throws Exception {
        HttpResponse<String> opened = api.instructorPost("/api/instructor/challenges", "{\"lesson\": \"spiral\", "
                + "\"preset\": \"spiral\", \"goal\": {\"type\": \"validation-accuracy\", \"epochs\": 2}, "
                + "\"fixed\": [\"seed\", \"start\"]}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode challenge = json(opened);
        assertThat(challenge.get("fixed").toString()).as("start means nothing on a training problem")
                .isEqualTo("[\"seed\"]");
        String runs = "[{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.02}}]";
        HttpResponse<String> tooWide = api.submit(challenge.get("id").asLong(),
                "{\"studentId\": \"wide\", \"name\": \"W\", \"spec\": {\"problem\": {\"type\": \"mlp-spiral\", "
                        + "\"hidden\": 60}, \"runs\": " + runs + "}}");
        assertThat(tooWide.statusCode()).isEqualTo(400);
        assertThat(json(tooWide).get("field").asText()).isEqualTo("spec.problem.hidden");
        HttpResponse<String> chosen = api.submit(challenge.get("id").asLong(),
                "{\"studentId\": \"wide\", \"name\": \"W\", \"spec\": {\"problem\": {\"type\": \"softmax-spiral\", "
                        + "\"hidden\": 10, \"points_per_class\": 300}, \"runs\": " + runs + "}}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(201);
        JsonNode stored = JSON.readTree(json(api.instructorGet("/api/instructor/challenges/" + challenge.get("id")
                + "/leaderboard")).get("lines").get(0).toString());
        assertThat(stored.get("optimizer").get("type").asText()).isEqualTo("adam");
    }

    @Test
    void malformedSubmissionsAreRefusedNamingTheFieldAndLeaveNoStackTrace() throws Exception {
        long id = openBanana("");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            assertThat(json(api.submit(id, "{\"studentId\": \"s\", \"name\": \"N\", \"spec\": 3}")).get("field")
                    .asText()).isEqualTo("spec");
            assertThat(json(api.submit(id, "{\"studentId\": \"bad id!\", \"name\": \"N\", \"spec\": {}}")).get("field")
                    .asText()).isEqualTo("studentId");
            assertThat(json(api.submit(id, "{\"studentId\": \"s\", \"name\": \"N\", \"spec\": {}}")).get("field")
                    .asText()).isEqualTo("spec.runs");
            assertThat(json(api.submit(id, "[1, 2]")).get("field").asText()).isEmpty();
            assertThat(json(api.submit(id, "{\"studentId\": ")).get("error").asText()).startsWith("not valid JSON");
            assertThat(json(api.post("/api/challenges/abc/submissions", "{}")).get("field").asText())
                    .isEqualTo("id");
            assertThat(api.post("/api/challenges/424242/submissions", "{\"studentId\": \"s\", \"spec\": {}}")
                    .statusCode()).isEqualTo(404);
            HttpResponse<String> huge = api.submit(id, "{\"studentId\": \"s\", \"pad\": \"" + "x".repeat(70_000)
                    + "\"}");
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(json(api.get("/api/challenges")).get("field").asText()).isEqualTo("lesson");
            assertThat(json(api.get("/api/challenges?lesson=banana&student=%3Cx%3E")).get("field").asText())
                    .isEqualTo("studentId");
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).as("client mistakes are not the server's").noneMatch(e -> e.getThrowableProxy() != null);
    }

    @Test
    void studentsCannotOpenCloseOrExportAndHiddenLeaderboardsStayHidden() throws Exception {
        long id = openBanana("");
        String open = "{\"lesson\": \"banana\", \"preset\": \"banana\", \"goal\": {\"type\": \"steps-to-loss\", "
                + "\"threshold\": 1, \"steps\": 10}}";
        assertThat(api.post("/api/instructor/challenges", open).statusCode()).isEqualTo(401);
        assertThat(api.post("/api/instructor/challenges/" + id + "/close", "").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/instructor/challenges/" + id + "/leaderboard.csv").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/instructor/challenges/" + id + "/leaderboard").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/instructor/challenges").statusCode()).isEqualTo(401);
        assertThat(api.get("/instructor/challenges").statusCode()).isEqualTo(303);
        assertThat(api.instructorPost("/api/instructor/challenges", open,
                "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/challenges/" + id + "/leaderboard").statusCode()).isEqualTo(403);
        assertThat(api.instructorGet("/instructor/challenges?lang=zh").body()).contains("挑战");
    }

    @Test
    void closingStopsSubmissionsAndTheChallengeLeavesTheLessonsList() throws Exception {
        long id = openBanana("");
        assertThat(json(api.get("/api/challenges?lesson=banana")).get("challenges").findValuesAsText("id"))
                .contains(Long.toString(id));
        HttpResponse<String> closed = api.instructorPost("/api/instructor/challenges/" + id + "/close", "");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(json(closed).get("open").asBoolean()).isFalse();
        assertThat(json(api.get("/api/challenges?lesson=banana")).get("challenges").findValuesAsText("id"))
                .doesNotContain(Long.toString(id));
        HttpResponse<String> late = api.submit(id, submission("s9", "Late",
                "[{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}]"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(api.instructorPost("/api/instructor/challenges/999999/close", "").statusCode()).isEqualTo(404);
    }

    @Test
    void aStudentGetsSixSubmissionsAMinuteThen429WithRetryAfter() throws Exception {
        long id = openBanana("");
        String runs = "[{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}]";
        for (int i = 0; i < 6; i++) {
            assertThat(api.submit(id, submission("fast", "Fast", runs)).statusCode())
                    .isEqualTo(201);
        }
        HttpResponse<String> limited = api.submit(id, submission("fast", "Fast", runs));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(limited).get("error").asText()).contains("at most 6 submissions in 60 s");
        assertThat(api.submit(id, submission("other", "Other", runs)).statusCode())
                .as("another student is not held up").isEqualTo(201);
        JsonNode board = json(api.instructorGet("/api/instructor/challenges/" + id + "/leaderboard"));
        assertThat(board.get("lines").get(0).get("attempts").asInt() + board.get("lines").get(1).get("attempts")
                .asInt()).isEqualTo(7);
    }
}
