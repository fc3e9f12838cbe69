package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.testing.TestLimits;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * The instructor's class view on a real server: the students' {@code hello}, the live roster over
 * {@code /ws/instructor} (only for the instructor), renaming and hiding, and experiments pushed to a lesson or to
 * everyone, also to students who join later.
 */
class ClassViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALLEY = "preset=valley&run=sgd:sgd,lr=0.02&steps=150&start=-2.5,1.5&speed=60";

    private TestServer server;
    private final List<WsClient> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        sockets.forEach(WsClient::close);
        server.close();
    }

    @Nested
    class Hello {

        @Test
        void badHellosAreErrorsNamingTheFieldAndGoodOnesAreSilent() {
            WsClient student = student();
            student.send("{\"type\": \"hello\", \"lesson\": \"descent\"}");
            assertThat(error(student, 0).get("field").asText()).isEqualTo("student");
            student.send("{\"type\": \"hello\", \"student\": \"no spaces\", \"lesson\": \"descent\"}");
            assertThat(error(student, 1).get("message").asText())
                    .startsWith("student: must be 1 to 64 of A-Z a-z 0-9 _ -");
            student.send("{\"type\": \"hello\", \"student\": \"s1\", \"lesson\": \"Descent!\"}");
            assertThat(error(student, 2).get("field").asText()).isEqualTo("lesson");
            student.send("{\"type\": \"hello\", \"student\": \"s1\", \"lesson\": \"descent\", \"name\": \""
                    + "x".repeat(41) + "\"}");
            assertThat(error(student, 3).get("message").asText()).isEqualTo("name: must be at most 40 characters, got 41");
            student.send("{\"type\": \"hello\", \"student\": \"s1\", \"lesson\": \"descent\", \"name\": null}");
            assertThat(error(student, 4).get("field").asText()).isEqualTo("name");
            student.send("{\"type\": \"hello\", \"student\": \"s1\", \"lesson\": \"descent\", \"seat\": 3}");
            assertThat(error(student, 5).get("field").asText()).isEqualTo("seat");
            student.send("{\"type\": \"hello\", \"student\": \"s1\", \"lesson\": \"descent\", \"preset\": \"a b\"}");
            assertThat(error(student, 6).get("field").asText()).isEqualTo("preset");

            student.send(hello("s1", "descent", "valley")).send("{\"type\": \"pause\"}");
            assertThat(error(student, 7).get("field").asText()).as("the hello itself is answered by nothing")
                    .isEqualTo("type");
            assertThat(student.ofType("error")).hasSize(8);
        }
    }

    @Nested
    class Roster {

        @Test
        void theInstructorSeesWhoIsWhereWhatTheirExperimentDoesAndTheCounts() throws Exception {
            WsClient teacher = instructor(server.signIn());
            WsClient ana = student().send(hello("ana-1", "descent", "valley"));
            WsClient ben = student().send(hello("ben-2", "english-only", "banana"));
            student();   // says nothing: counted, not listed
            ana.send("{\"type\": \"start\", \"spec\": " + spec() + "}");
            ana.await("done", 0);
            assertThat(server.postJson("/api/students/name", "{\"student\": \"ana-1\", \"name\": \" Ana <b> \"}")
                    .body()).isEqualTo("{\"student\":\"ana-1\",\"name\":\"Ana <b>\"}");

            JsonNode snapshot = awaitSnapshot(teacher, s -> seat(s, "ana-1").map(a -> a.get("state").asText()
                    .equals("done") && a.get("name").asText().equals("Ana <b>")).orElse(false)
                    && seat(s, "ben-2").isPresent() && s.get("anonymous").asInt() == 1);
            JsonNode a = seat(snapshot, "ana-1").orElseThrow();
            assertThat(a.get("lesson").asText()).isEqualTo("descent");
            assertThat(a.get("preset").asText()).isEqualTo("valley");
            assertThat(a.get("step").asLong()).isEqualTo(40);
            assertThat(a.get("search").asBoolean()).isFalse();
            JsonNode b = seat(snapshot, "ben-2").orElseThrow();
            assertThat(b.get("name").isNull()).isTrue();
            assertThat(b.get("state").asText()).isEqualTo("idle");
            assertThat(b.get("number").asInt()).isNotEqualTo(a.get("number").asInt());
            assertThat(snapshot.get("lessons").toString()).isEqualTo("{\"descent\":1,\"english-only\":1}");
            assertThat(snapshot.get("load").get("sessions").asInt()).isEqualTo(3);
            assertThat(snapshot.get("load").has("workerQueue")).isTrue();
            assertThat(snapshot.get("load").get("heapMaxMiB").asLong()).isPositive();

            ben.close();
            awaitSnapshot(teacher, s -> seat(s, "ben-2").isEmpty() && s.get("lessons").toString()
                    .equals("{\"descent\":1}"));
        }

        @Test
        void refusedConnectionsAreCounted() {
            server.close();
            server = TestServer.start(TestServer.config(TestLimits.sessions(1)));
            WsClient teacher = instructor(server.signIn());
            student();
            // the handshake can complete before the server admits the socket: let the first in before the second
            awaitSnapshot(teacher, s -> s.get("load").get("sessions").asInt() == 1);
            WsClient refused = student();
            assertThat(refused.awaitClose()).isEqualTo(ExperimentHub.TRY_AGAIN_LATER);
            awaitSnapshot(teacher, s -> s.get("refused").asInt() == 1);
        }

        @Test
        void theInstructorRenamesAndHidesAStudentAndOnlyTheInstructorMay() {
            String cookie = server.signIn();
            WsClient teacher = instructor(cookie);
            student().send(hello("cleo", "descent", "valley"));
            awaitSnapshot(teacher, s -> seat(s, "cleo").isPresent());

            assertThat(post("/api/instructor/students/cleo/name", "{\"name\": \"Cleo\"}", null).statusCode())
                    .isEqualTo(401);
            assertThat(post("/api/instructor/students/cleo/name", "{\"name\": \"Cleo\"}", cookie,
                    "Origin", "http://evil.example").statusCode()).isEqualTo(403);
            HttpResponse<String> tooLong = post("/api/instructor/students/cleo/name",
                    "{\"name\": \"" + "c".repeat(41) + "\"}", cookie);
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(tooLong.body()).contains("\"field\":\"name\"");
            assertThat(post("/api/instructor/students/cleo/name", "{\"name\": \"Cleo\"}", cookie).statusCode())
                    .isEqualTo(200);
            awaitSnapshot(teacher, s -> seat(s, "cleo").map(c -> c.get("name").asText().equals("Cleo")).orElse(false));

            assertThat(post("/api/instructor/students/cleo/hidden", "{\"hidden\": true}", null).statusCode())
                    .isEqualTo(401);
            assertThat(post("/api/instructor/students/cleo/hidden", "{\"hidden\": true}", cookie).statusCode())
                    .isEqualTo(200);
            awaitSnapshot(teacher, s -> seat(s, "cleo").isEmpty() && s.get("hidden").asInt() == 1
                    && s.get("lessons").get("descent").asInt() == 1);
            post("/api/instructor/students/cleo/hidden", "{\"hidden\": false}", cookie);
            awaitSnapshot(teacher, s -> seat(s, "cleo").isPresent() && s.get("hidden").asInt() == 0);
        }

        @Test
        void theInstructorSocketIsForTheSignedInInstructorFromThisServersPagesOnly() {
            assertThat(server.get("/api/instructor/signed-in").body()).isEqualTo("{\"signedIn\":false}");
            assertThat(handshakeStatus()).as("no session").isEqualTo(401);
            assertThat(handshakeStatus("Cookie", InstructorAuth.COOKIE + "=made-up")).isEqualTo(401);
            String cookie = server.signIn();
            assertThat(server.get("/api/instructor/signed-in", "Cookie", cookie).body())
                    .isEqualTo("{\"signedIn\":true}");
            assertThat(handshakeStatus("Cookie", cookie, "Origin", "http://evil.example")).isEqualTo(403);
            WsClient teacher = instructor(cookie, "Origin", "http://127.0.0.1:" + server.port());
            teacher.await("snapshot", 0);
        }

        @Test
        void aSnapshotOf300StudentsIsBounded() {
            ClassRoster roster = new ClassRoster(Clock.systemUTC());
            for (int i = 0; i < 300; i++) {
                roster.joined("c" + i);
                roster.hello("c" + i, "student-" + "x".repeat(24) + i, Optional.of("Name of student " + i),
                        i % 2 == 0 ? "momentum" : "hyperparameter-tuning", "preset-" + i % 3);
                roster.state("c" + i, "running", false, 1234);
            }
            int bytes = InstructorSocket.snapshot(JSON, Clock.systemUTC(), roster.snapshot(),
                    new InstructorSocket.Load(300, 18000, 0, 100, 512)).toString().length();
            System.out.println("snapshot of 300 students: " + bytes + " bytes");
            assertThat(bytes).isBetween(30_000, 80_000);
        }
    }

    @Nested
    class Pushes {

        @Test
        void aPushReachesEveryStudentOnItsLessonAndOneToEveryoneReachesAllAndLateJoiners() {
            String cookie = server.signIn();
            WsClient ana = student().send(hello("ana", "descent", "valley"));
            WsClient ben = student().send(hello("ben", "descent", "blowup"));
            WsClient cleo = student().send(hello("cleo", "english-only", "banana"));
            WsClient teacher = instructor(cookie);
            awaitSnapshot(teacher, s -> s.get("students").size() == 3);

            HttpResponse<String> sent = push(cookie, "descent", "Momentum at lr 0.02", VALLEY, "lesson");
            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(sent.body()).isEqualTo("{\"lesson\":\"descent\",\"delivered\":2}");
            for (WsClient student : List.of(ana, ben)) {
                JsonNode push = student.await("push", 0);
                assertThat(push.get("lesson").asText()).isEqualTo("descent");
                assertThat(push.get("title").asText()).isEqualTo("Momentum at lr 0.02");
                assertThat(push.get("query").asText()).isEqualTo(VALLEY);
                assertThat(push.get("audience").asText()).isEqualTo("lesson");
            }
            WsClient late = student().send(hello("dan", "descent", "valley"));
            assertThat(late.await("push", 0).get("query").asText()).as("the latest push of the lesson")
                    .isEqualTo(VALLEY);

            String banana = "preset=banana&run=adam:adam,lr=0.3";
            assertThat(push(cookie, "english-only", "Adam, lr 0.3", banana, "everyone").body())
                    .isEqualTo("{\"lesson\":\"english-only\",\"delivered\":4}");
            JsonNode first = cleo.await("push", 0);
            assertThat(first.get("audience").asText()).as("the lesson push never reached another lesson")
                    .isEqualTo("everyone");
            assertThat(first.get("lesson").asText()).isEqualTo("english-only");
            assertThat(ana.await("push", 0, m -> m.path("audience").asText().equals("everyone")).get("query")
                    .asText()).isEqualTo(banana);
            WsClient later = student().send(hello("eve", "descent", "valley"));
            assertThat(later.await("push", 0).get("query").asText()).as("the newest push for that lesson")
                    .isEqualTo(banana);
        }

        @Test
        void aPushIsCheckedAndOnlyTheInstructorMaySendOne() {
            String cookie = server.signIn();
            assertThat(post("/api/instructor/pushes", pushBody("descent", "t", VALLEY, "lesson"), null).statusCode())
                    .isEqualTo(401);
            assertThat(post("/api/instructor/pushes", pushBody("descent", "t", VALLEY, "lesson"), cookie,
                    "Origin", "http://evil.example").statusCode()).isEqualTo(403);
            assertField(push(cookie, "nowhere", "t", VALLEY, "lesson"), "lesson");
            assertField(push(cookie, "descent", "t", "preset=gone&run=x", "lesson"), "query");
            assertField(push(cookie, "descent", "t", "preset=valley#frag", "lesson"), "query");
            assertField(push(cookie, "descent", " ", VALLEY, "lesson"), "title");
            assertField(push(cookie, "descent", "t", VALLEY, "class"), "audience");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private WsClient student() {
        WsClient client = WsClient.connect(server);
        sockets.add(client);
        return client;
    }

    private WsClient instructor(String cookie, String... headers) {
        List<String> all = new ArrayList<>(List.of("Cookie", cookie));
        all.addAll(List.of(headers));
        WsClient client = WsClient.connectTo(server, "/ws/instructor", all.toArray(String[]::new));
        sockets.add(client);
        return client;
    }

    private int handshakeStatus(String... headers) {
        try {
            WsClient client = WsClient.connectTo(server, "/ws/instructor", headers);
            client.close();
            return 101;
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause().getCause();
            assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) cause).getResponse().statusCode();
        }
    }

    private static String hello(String student, String lesson, String preset) {
        return "{\"type\": \"hello\", \"student\": \"" + student + "\", \"lesson\": \"" + lesson
                + "\", \"preset\": \"" + preset + "\"}";
    }

    private static String spec() {
        return "{\"problem\": {\"type\": \"quadratic\"}, \"steps\": 40, \"runs\": [{\"id\": \"sgd\", "
                + "\"optimizer\": {\"type\": \"sgd\", \"lr\": 0.01}}]}";
    }

    private static JsonNode error(WsClient client, int index) {
        client.await("error", 0, m -> client.ofType("error").size() > index);
        return client.ofType("error").get(index);
    }

    private static JsonNode awaitSnapshot(WsClient teacher, java.util.function.Predicate<JsonNode> matching) {
        return teacher.await("snapshot", 0, m -> m.get("type").asText().equals("snapshot") && matching.test(m));
    }

    private static Optional<JsonNode> seat(JsonNode snapshot, String student) {
        return StreamSupport.stream(snapshot.get("students").spliterator(), false)
                .filter(s -> s.get("student").asText().equals(student)).findFirst();
    }

    private HttpResponse<String> post(String path, String body, String cookie, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return server.send(request.build());
    }

    private HttpResponse<String> push(String cookie, String lesson, String title, String query, String audience) {
        return post("/api/instructor/pushes", pushBody(lesson, title, query, audience), cookie);
    }

    private static String pushBody(String lesson, String title, String query, String audience) {
        return JSON.createObjectNode().put("lesson", lesson).put("title", title).put("query", query)
                .put("audience", audience).toString();
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }
}
