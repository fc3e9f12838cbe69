package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.optimizerlab.problem.Quadratic;
import org.optimizerlab.problem.Rosenbrock;

/** A surface's contour map is computed and written once, and is the map itself. */
class ContourGridTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEqualSurfaceGetsTheMapWrittenBeforeAndADifferentOneItsOwn() throws Exception {
        String first = ContourGrid.json(new Quadratic(1, 20), new Quadratic(1, 20));
        assertThat(ContourGrid.json(new Quadratic(1, 20), new Quadratic(1, 20))).isSameAs(first);
        JsonNode map = JSON.readTree(first);
        assertThat(map).isEqualTo(JSON.readTree(JSON.writeValueAsString(ContourGrid.withZoom(new Quadratic(1, 20)))));
        assertThat(map.get("z")).hasSize(ContourGrid.POINTS);
        assertThat(map.get("zoom").get("z")).hasSize(ContourGrid.ZOOM_POINTS);

        String other = ContourGrid.json(new Quadratic(1, 5), new Quadratic(1, 5));
        assertThat(JSON.readTree(other)).isNotEqualTo(map);
        assertThat(ContourGrid.json(new Quadratic(1, 20), null)).as("no key: computed again")
                .isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void itKeepsTheMostRecentMapsOnly() {
        String rosenbrock = ContourGrid.json(new Rosenbrock(), new Rosenbrock());
        for (int b = 1; b <= ContourGrid.KEPT; b++) {
            ContourGrid.json(new Quadratic(1, 100 + b), new Quadratic(1, 100 + b));
        }
        assertThat(ContourGrid.json(new Rosenbrock(), new Rosenbrock())).as("dropped, computed again")
                .isNotSameAs(rosenbrock).isEqualTo(rosenbrock);
    }
}
