package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * A class runs lesson 10's race on a real server: the first student's race is recorded, the next students' races
 * are replayed from it (the health page counts them) and receive the same points, also when they pause and step;
 * a student who changes the learning rate gets a race of her own.
 */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRacesSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestServer server;

    SharedRacesSocketTest(TestServer server) {
        this.server = server;
    }

    private static String lrRace() throws Exception {
        for (JsonNode preset : JSON.readTree(Path.of("lessons/10-tuning/experiment.json").toFile()).path("presets")) {
            if (preset.path("id").asText().equals("lr-race")) {
                return preset.path("spec").toString();
            }
        }
        throw new IllegalStateException("lesson 10 has no lr-race");
    }

    private static JsonNode sharedRaces(TestServer server) {
        return ConnectionBoundsTest.health(server).path("sharedRaces");
    }

    @Test
    void theClassComputesTheLessonsRaceOnceAndEveryStudentGetsTheSamePoints() throws Exception {
        String spec = lrRace();
        Map<String, List<JsonNode>> first;
        JsonNode firstDone;
        try (WsClient alice = WsClient.connect(server)) {
            alice.send(ExperimentSocketTest.speed(5000)).send(ExperimentSocketTest.start(spec, false));
            firstDone = alice.await("done", 0);
            first = ExperimentSocketTest.points(alice, 1);
        }
        assertThat(first.get("good")).hasSize(300);
        assertThat(sharedRaces(server).path("kept").asInt()).isEqualTo(1);
        assertThat(sharedRaces(server).path("bytes").asLong()).isPositive();
        long replays = sharedRaces(server).path("replays").asLong();

        try (WsClient bob = WsClient.connect(server)) {
            bob.send(ExperimentSocketTest.speed(5000)).send(ExperimentSocketTest.start(spec, false));
            JsonNode done = bob.await("done", 0);
            assertThat(ExperimentSocketTest.points(bob, 1)).isEqualTo(first);
            assertThat(done.path("final")).isEqualTo(firstDone.path("final")).hasSize(3);
        }
        assertThat(sharedRaces(server).path("replays").asLong()).isEqualTo(replays + 1);

        try (WsClient carol = WsClient.connect(server)) {                 // paused, a few steps, then the rest
            carol.send(ExperimentSocketTest.start(spec, true));
            carol.await("started", 0);
            carol.send("{\"type\": \"step\", \"n\": 7}");
            Poll.until("seven points per run", WsClient.TIMEOUT, () -> ExperimentSocketTest.points(carol, 1)
                    .getOrDefault("good", List.of()).size() >= 7);
            ExperimentSocketTest.roundTrip(carol, 5000);
            Map<String, List<JsonNode>> stepped = ExperimentSocketTest.points(carol, 1);
            first.forEach((run, points) -> assertThat(stepped.get(run)).as(run).isEqualTo(points.subList(0, 7)));
            carol.send("{\"type\": \"resume\"}");
            carol.await("done", 0);
            assertThat(ExperimentSocketTest.points(carol, 1)).isEqualTo(first);
        }
        assertThat(sharedRaces(server).path("replays").asLong()).isEqualTo(replays + 2);

        ObjectNode changed = (ObjectNode) JSON.readTree(spec);
        ((ObjectNode) changed.path("runs").get(1).path("optimizer")).put("lr", 0.05);
        try (WsClient dan = WsClient.connect(server)) {
            dan.send(ExperimentSocketTest.speed(5000)).send(ExperimentSocketTest.start(changed.toString(), false));
            dan.await("done", 0);
            assertThat(ExperimentSocketTest.points(dan, 1).get("good")).isNotEqualTo(first.get("good"));
            assertThat(ExperimentSocketTest.points(dan, 1).get("small")).isEqualTo(first.get("small"));
        }
        assertThat(sharedRaces(server).path("replays").asLong()).as("her own race").isEqualTo(replays + 2);
        assertThat(sharedRaces(server).path("kept").asInt()).isEqualTo(2);
    }
}
