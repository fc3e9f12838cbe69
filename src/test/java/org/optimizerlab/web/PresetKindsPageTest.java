package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;

/** The lesson data of the pages of every new preset kind (test course {@code lessons/kinds}), on a real port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresetKindsPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(TestLessons.folder("kinds")),
                Optional.empty(), ServerLimits.DEFAULT));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private JsonNode lessonData(String slug) throws Exception {
        String html = server.get("/lessons/" + slug + "?lang=en").body();
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"lesson-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("lesson-data script").isTrue();
        return JSON.readTree(m.group(1));
    }

    @Test
    void aTrainingRaceOffersSlidersAndChoicesForItsProblem() throws Exception {
        JsonNode fields = lessonData("training-race").get("presets").get(0).get("controls").get("fields");
        assertThat(fields.get("init").get("options").toString()).isEqualTo("[\"small\",\"xavier\",\"he\",\"zeros\"]");
        assertThat(fields.get("init").has("min")).isFalse();
        assertThat(fields.get("hidden").get("max").asInt()).isEqualTo(200);
        assertThat(fields.get("epochs").get("step").asInt()).isEqualTo(5);
    }

    @Test
    void anActivationStudyIsComputedAtItsOwnPath() throws Exception {
        JsonNode data = lessonData("activations");
        JsonNode preset = data.get("presets").get(0);
        assertThat(preset.get("kind").asText()).isEqualTo("activations");
        assertThat(preset.get("spec").get("problem").get("type").asText()).isEqualTo("deep-activations");
        assertThat(preset.get("controls").get("optimizers")).isEmpty();
        assertThat(preset.get("controls").get("fields").get("activation").get("options")).hasSize(2);
        assertThat(preset.get("claim").get("check").get("type").asText()).isEqualTo("activation_std_ratio");
        assertThat(data.get("activationsPath").asText()).isEqualTo("/api/activations");
    }

    @Test
    void aSearchMaySwitchItsFineRound() throws Exception {
        JsonNode preset = lessonData("search").get("presets").get(0);
        assertThat(preset.get("kind").asText()).isEqualTo("search");
        assertThat(preset.get("controls").get("refine").asBoolean()).isTrue();
        assertThat(preset.get("controls").get("fields").get("lr").get("scale").asText()).isEqualTo("log");
        assertThat(preset.get("spec").get("search").get("refine").get("trials").asInt()).isEqualTo(8);
    }
}
