package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.validation.FieldException;

/** A hostile client's huge values come back cut in every error of the spec readers, never whole. */
class LongValuesInErrorsTest {

    private static final String LONG = "a".repeat(65_536);
    private static final String SHOWN = "a".repeat(64) + "…";
    /** Names are at most 50,000 characters (Jackson's limit; longer is a syntax error). */
    private static final String LONG_NAME = "n".repeat(40_000);
    private static final String NAME_SHOWN = "n".repeat(64) + "…";

    private static String error(String json) {
        try {
            new SpecReader(Limits.DEFAULT).read(json);
        } catch (FieldException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json.substring(0, 80));
    }

    private static String race(String problem, String run) {
        return "{\"problem\": " + problem + ", \"steps\": 5, \"runs\": [" + run + "]}";
    }

    private static final String RUN = "{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}";

    @Test
    void anEnumValueIsCutWithItsLength() {
        assertThat(error(race("{\"type\": \"" + LONG + "\"}", RUN))).startsWith("problem.type: must be one of ")
                .endsWith("; got '" + SHOWN + "' (65536 characters)");
        assertThat(error(race("{\"type\": \"rosenbrock\"}", RUN.replace("\"sgd\"", "\"" + LONG + "\""))))
                .endsWith("; got '" + SHOWN + "' (65536 characters)").hasSizeLessThan(250);
    }

    @Test
    void anUnknownFieldNameIsCutInThePathAndItsLengthSaid() {
        FieldException e = (FieldException) catchError(race("{\"type\": \"rosenbrock\", \"" + LONG_NAME + "\": 1}",
                RUN));
        assertThat(e.field()).isEqualTo("problem." + NAME_SHOWN);
        assertThat(e.getMessage()).isEqualTo("problem." + NAME_SHOWN + ": unknown field (a name of 40000 characters); "
                + "allowed: type");
    }

    @Test
    void aStringWhereANumberBelongsAndALongNumberAreCut() {
        assertThat(error(race("{\"type\": \"rosenbrock\"}", RUN.replace("0.1", "\"" + LONG + "\""))))
                .isEqualTo("runs[0].optimizer.lr: must be a number, got a string (\"" + SHOWN
                        + "\" (65536 characters))");
        assertThat(error(race("{\"type\": \"rosenbrock\"}", RUN).replace("\"steps\": 5", "\"steps\": "
                + "9".repeat(900))))
                .isEqualTo("steps: must be an integer in 1..1000000, got " + "9".repeat(64) + "… (900 characters)");
        assertThat(error(race("{\"type\": \"rosenbrock\"}", RUN.replace("\"id\": \"a\"", "\"id\": \"" + LONG + "\""))))
                .isEqualTo("runs[0].id: must match [A-Za-z0-9_-]{1,32}, got '" + SHOWN + "' (65536 characters)");
    }

    @Test
    void jsonSyntaxErrorsQuoteAtMostAShortPieceAndNoJavaNames() {
        String name = "b".repeat(40_000);
        assertThat(error("{\"" + name + "\": 1, \"" + name + "\": 2}"))
                .startsWith("not valid JSON: Duplicate field '" + "b".repeat(64) + "…' (40000 characters)")
                .hasSizeLessThan(200);
        assertThat(error("{\"steps\": " + LONG + "}")).startsWith("not valid JSON: Unrecognized token '")
                .hasSizeLessThan(300);
        assertThat(error("{\"" + LONG + "\": 1}")).startsWith("not valid JSON: Name length")
                .doesNotContain("StreamReadConstraints", "`");
        assertThat(error("{\"steps\": 1" + "0".repeat(2000) + "}")).startsWith("not valid JSON: Number value length")
                .doesNotContain("StreamReadConstraints", "`");
    }

    @Test
    void aSearchSpecEchoesCutToo() {
        assertThatThrownBy(() -> SearchReader.read("""
                {"problem": {"type": "mlp-spiral"}, "epochs": 1, "optimizer": {"type": "adam"},
                 "search": {"trials": 1, "lr": [1e-3, 1e-1], "%s": 1}}""".formatted(LONG_NAME)))
                .hasMessage("search." + NAME_SHOWN + ": unknown field (a name of 40000 characters); allowed: "
                        + "trials, lr, reg, dropout, refine");
    }

    private static RuntimeException catchError(String json) {
        try {
            new SpecReader(Limits.DEFAULT).read(json);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }
}
