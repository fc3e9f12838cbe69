package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.classroom.StoreLocation;
import org.optimizerlab.testing.HaproxyServer;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.PostgresServer;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;
import org.optimizerlab.web.ServerLimits;

/**
 * One class on two replicas behind a real HAProxy ({@code deploy/haproxy.cfg}) sharing a real PostgreSQL
 * database: students connected through the load balancer land on both replicas, and the instructor, signed in
 * on either, sees all of them, pushes to all of them (once each, late joiners too), hides and names them on
 * every replica, and a challenge opened on one replica takes submissions on both into one leaderboard.
 */
class ReplicasIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BANANA = "preset=banana&run=adam:adam,lr=0.3";
    private static final List<String> STUDENTS = List.of("s-0", "s-1", "s-2", "s-3");

    private static PostgresServer postgres;
    private static TestServer one;
    private static TestServer two;
    private static HaproxyServer balancer;
    private final List<WsClient> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        ServerConfig config = TestServer.config(ServerLimits.DEFAULT)
                .withLessonsDir(TestLessons.folder("challenges"))
                .withClassroom(new ClassroomConfig(new StoreLocation.PostgresUrl(postgres.createDatabase()),
                        Optional.of(InstructorToken.of(TestServer.INSTRUCTOR_TOKEN))));
        one = TestServer.start(config);
        two = TestServer.start(config);
        balancer = HaproxyServer.start(one.port(), two.port());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable running : new AutoCloseable[] {balancer, two, one, postgres}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                // the others still stop
            }
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(WsClient::close);
    }

    @Test
    void aClassOnTwoReplicasBehindHaproxyIsOneClass() throws Exception {
        String cookie = signInThroughTheBalancer();
        for (TestServer replica : List.of(one, two)) {
            assertThat(replica.get("/api/instructor/signed-in", "Cookie", cookie).body())
                    .as("the session is in the database: every replica knows it").isEqualTo("{\"signedIn\":true}");
        }

        List<WsClient> students = new ArrayList<>();
        for (String student : STUDENTS) {
            students.add(throughBalancer("/ws/experiment").send(hello(student)));
        }
        Poll.until("students on both replicas", Duration.ofSeconds(15),
                () -> sessions(one) >= 1 && sessions(two) >= 1 && sessions(one) + sessions(two) == STUDENTS.size());

        WsClient teacher = throughBalancer("/ws/instructor", "Cookie", cookie);
        List<WsClient> perReplica = List.of(direct(one, "/ws/instructor", "Cookie", cookie),
                direct(two, "/ws/instructor", "Cookie", cookie));
        for (WsClient view : concat(teacher, perReplica)) {
            JsonNode snapshot = awaitSnapshot(view, s -> listed(s).containsAll(STUDENTS));
            assertThat(listed(snapshot)).hasSize(STUDENTS.size());
            assertThat(snapshot.get("lessons").toString()).isEqualTo("{\"banana\":4}");
        }

        // a name chosen on one replica and a student hidden on the other show on both
        assertThat(post(two, "/api/students/name", "{\"student\": \"s-0\", \"name\": \"Ada\"}", null).statusCode())
                .isEqualTo(200);
        assertThat(post(one, "/api/instructor/students/s-1/hidden", "{\"hidden\": true}", cookie).statusCode())
                .isEqualTo(200);
        for (WsClient view : perReplica) {
            awaitSnapshot(view, s -> seat(s, "s-0").map(a -> a.get("name").asText().equals("Ada")).orElse(false)
                    && seat(s, "s-1").isEmpty() && s.get("hidden").asInt() == 1);
        }
        post(two, "/api/instructor/students/s-1/hidden", "{\"hidden\": false}", cookie);
        for (WsClient view : perReplica) {
            awaitSnapshot(view, s -> seat(s, "s-1").isPresent() && s.get("hidden").asInt() == 0);
        }

        // a push made through the balancer (on one replica) reaches the students of both, once each
        HttpResponse<String> pushed = post(null, "/api/instructor/pushes", JSON.createObjectNode()
                .put("lesson", "banana").put("title", "Adam, lr 0.3").put("query", BANANA)
                .put("audience", "lesson").toString(), cookie);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).as("counted on both replicas").isEqualTo("{\"lesson\":\"banana\",\"delivered\":4}");
        for (WsClient student : students) {
            assertThat(student.await("push", 0).get("query").asText()).isEqualTo(BANANA);
        }
        for (TestServer replica : List.of(one, two)) {
            WsClient late = direct(replica, "/ws/experiment").send(hello("late-" + replica.port()));
            assertThat(late.await("push", 0).get("query").asText()).as("a late joiner sees the latest push")
                    .isEqualTo(BANANA);
        }
        for (WsClient view : perReplica) {   // a few more exchanges: no replica sends the push again
            int seen = view.ofType("snapshot").size();
            view.await("snapshot", 0, m -> view.ofType("snapshot").size() >= seen + 3);
        }
        for (WsClient student : students) {
            assertThat(student.ofType("push")).as("each push once per connection").hasSize(1);
        }

        // a challenge opened on one replica takes submissions on both; the leaderboard is one
        HttpResponse<String> opened = post(one, "/api/instructor/challenges", "{\"lesson\": \"banana\", "
                + "\"preset\": \"banana\", \"goal\": {\"type\": \"steps-to-loss\", \"threshold\": 1e-3, "
                + "\"steps\": 1000}, \"fixed\": [\"problem\", \"seed\", \"start\"]}", cookie);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long challenge = JSON.readTree(opened.body()).get("id").asLong();
        assertThat(two.get("/api/challenges?lesson=banana").body()).contains("\"id\":" + challenge);
        String adam = "[{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}]";
        String momentum = "[{\"id\": \"m\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.002, \"mu\": 0.95}}]";
        assertThat(post(one, "/api/challenges/" + challenge + "/submissions", submission("s-2", "Ben", adam), null)
                .statusCode()).isEqualTo(201);
        assertThat(post(two, "/api/challenges/" + challenge + "/submissions", submission("s-3", "Cy", momentum),
                null).statusCode()).isEqualTo(201);
        String path = "/api/instructor/challenges/" + challenge + "/leaderboard";
        JsonNode board = JSON.readTree(one.get(path, "Cookie", cookie).body()).get("lines");
        assertThat(StreamSupport.stream(board.spliterator(), false).map(l -> l.get("name").asText()))
                .containsExactlyInAnyOrder("Ben", "Cy");
        assertThat(JSON.readTree(two.get(path, "Cookie", cookie).body()).get("lines")).isEqualTo(board);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static URI balancerUri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + balancer.port() + path);
    }

    private static String balancerOrigin() {
        return "http://127.0.0.1:" + balancer.port();
    }

    private WsClient throughBalancer(String path, String... headers) {
        List<String> all = new ArrayList<>(List.of("Origin", balancerOrigin()));
        all.addAll(List.of(headers));
        WsClient client = WsClient.connect(one.http(), balancerUri("ws", path), all.toArray(String[]::new));
        sockets.add(client);
        return client;
    }

    private WsClient direct(TestServer replica, String path, String... headers) {
        WsClient client = WsClient.connectTo(replica, path, headers);
        sockets.add(client);
        return client;
    }

    private static List<WsClient> concat(WsClient first, List<WsClient> rest) {
        List<WsClient> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    private static int sessions(TestServer replica) {
        try {
            return JSON.readTree(replica.get("/healthz").body()).get("sessions").asInt();
        } catch (Exception e) {
            throw new AssertionError("no /healthz from port " + replica.port(), e);
        }
    }

    private static String hello(String student) {
        return "{\"type\": \"hello\", \"student\": \"" + student + "\", \"lesson\": \"banana\", "
                + "\"preset\": \"banana\"}";
    }

    private static String submission(String student, String name, String runs) {
        return "{\"studentId\": \"" + student + "\", \"name\": " + new TextNode(name) + ", \"spec\": {\"problem\": "
                + "{\"type\": \"rosenbrock\"}, \"start\": [0.5, 0.5], \"steps\": 5, \"seed\": 9, \"runs\": " + runs
                + "}}";
    }

    private static JsonNode awaitSnapshot(WsClient view, Predicate<JsonNode> matching) {
        return view.await("snapshot", 0, m -> m.get("type").asText().equals("snapshot") && matching.test(m));
    }

    private static List<String> listed(JsonNode snapshot) {
        return StreamSupport.stream(snapshot.get("students").spliterator(), false)
                .map(s -> s.get("student").asText()).toList();
    }

    private static Optional<JsonNode> seat(JsonNode snapshot, String student) {
        return StreamSupport.stream(snapshot.get("students").spliterator(), false)
                .filter(s -> s.get("student").asText().equals(student)).findFirst();
    }

    private static String signInThroughTheBalancer() {
        HttpResponse<String> login = one.send(HttpRequest.newBuilder(balancerUri("http", "/instructor/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", balancerOrigin())
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TestServer.INSTRUCTOR_TOKEN)).build());
        HttpCookie cookie = HttpCookie.parse(login.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new AssertionError("no session cookie: " + login.statusCode() + " " + login.body()))).get(0);
        return cookie.getName() + "=" + cookie.getValue();
    }

    /** POST JSON to a replica, or through the balancer when {@code replica} is null. */
    private static HttpResponse<String> post(TestServer replica, String path, String body, String cookie) {
        URI uri = replica == null ? balancerUri("http", path) : replica.uri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (replica == null) {
            request.header("Origin", balancerOrigin());
        }
        return one.send(request.build());
    }
}
