package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/** A name given with a challenge submission is the name the class view shows for that student, at once. */
class ChallengeNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theClassViewShowsTheNameAStudentGaveWithASubmission() throws Exception {
        try (TestServer server = TestServer.start(TestServer.config(ServerLimits.DEFAULT)
                .withLessonsDir(TestLessons.folder("challenges")))) {
            String cookie = server.signIn();
            String origin = "http://127.0.0.1:" + server.port();
            HttpResponse<String> opened = server.send(HttpRequest.newBuilder(server.uri("/api/instructor/challenges"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Cookie", cookie).header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lesson\": \"banana\", \"preset\": \"banana\", "
                            + "\"goal\": {\"type\": \"steps-to-loss\", \"threshold\": 1e-3, \"steps\": 1000}}"))
                    .build());
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            long id = JSON.readTree(opened.body()).get("id").asLong();

            try (WsClient student = WsClient.connect(server);
                 WsClient teacher = WsClient.connectTo(server, "/ws/instructor", "Cookie", cookie)) {
                assertThat(server.postJson("/api/students/name", "{\"student\": \"s-ada\", \"name\": \"Ada\"}")
                        .statusCode()).isEqualTo(200);
                student.send("{\"type\": \"hello\", \"student\": \"s-ada\", \"lesson\": \"banana\"}");
                teacher.await("snapshot", 0, s -> "Ada".equals(name(s, "s-ada")));

                HttpResponse<String> submitted = server.postJson("/api/challenges/" + id + "/submissions",
                        "{\"studentId\": \"s-ada\", \"name\": \" Ada Lovelace \", \"spec\": {\"runs\": [{\"id\": "
                                + "\"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}]}}");
                assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
                teacher.await("snapshot", 0, s -> "Ada Lovelace".equals(name(s, "s-ada")));
            }
        }
    }

    private static String name(JsonNode snapshot, String student) {
        if (!"snapshot".equals(snapshot.path("type").asText())) {
            return null;
        }
        return StreamSupport.stream(snapshot.get("students").spliterator(), false)
                .filter(s -> s.get("student").asText().equals(student)).findFirst()
                .map(s -> s.get("name").asText(null)).orElse(null);
    }
}
