package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.validation.FieldException;

/**
 * The field schema the lesson pages send to the front end agrees with the engine: at every bound, just inside and
 * just outside it, the schema accepts exactly what {@link SpecReader} accepts, and every default is the value the
 * engine uses when the field is absent.
 */
class FieldSchemaTest {

    private static final SpecReader READER = new SpecReader(Limits.DEFAULT);

    static String optimizerSpec(String type, String fields) {
        return "{\"problem\": {\"type\": \"quadratic\"}, \"steps\": 1, \"runs\": [{\"id\": \"r\", \"optimizer\": "
                + "{\"type\": \"" + type + "\", \"lr\": 0.1" + fields + "}}]}";
    }

    /** A run under a schedule; its lr is huge so that every probe of cosine's {@code lr_min} stays below it. */
    static String scheduleSpec(String type, String fields) {
        return "{\"problem\": {\"type\": \"quadratic\"}, \"steps\": 1, \"runs\": [{\"id\": \"r\", \"optimizer\": "
                + "{\"type\": \"sgd\", \"lr\": 1e300}, \"schedule\": {\"type\": \"" + type + "\"" + fields + "}}]}";
    }

    /** Whether the engine accepts the spec; a failure must name the probed field. */
    static boolean engineAccepts(String spec, String field) {
        try {
            READER.read(spec);
            return true;
        } catch (FieldException e) {
            assertThat(e.field()).endsWith("." + field);
            return false;
        }
    }

    /** Values around each bound of a rule: the bound, a little inside, a little outside. */
    static List<Double> probes(FieldRule rule) {
        List<Double> values = new ArrayList<>(List.of(-1e9, -1.0, 0.0, 1e-12, 0.5, 1.0, 2.0, 1e9));
        for (Double bound : new Double[] {rule.min(), rule.max()}) {
            if (bound != null) {
                values.add(bound);
                values.add(bound == 0 ? 1e-300 : Math.nextUp(bound));
                values.add(bound == 0 ? -1e-300 : Math.nextDown(bound));
                values.add(bound + 0.5);
                values.add(bound - 0.5);
            }
        }
        return values;
    }

    @Test
    void everyOptimizerInTheSpecReaderHasASchemaAndBackAgain() {
        assertThat(FieldSchema.OPTIMIZERS).extracting(FieldSchema.TypeFields::type).isEqualTo(SpecReader.OPTIMIZERS);
        assertThat(FieldSchema.SCHEDULES).extracting(FieldSchema.TypeFields::type).isEqualTo(SpecReader.SCHEDULES);
    }

    @Test
    void optimizerRangesAreTheEnginesRanges() {
        int probed = 0;
        for (FieldSchema.TypeFields type : FieldSchema.OPTIMIZERS) {
            for (FieldRule rule : type.fields()) {
                if (!rule.numeric()) {
                    for (String choice : rule.choices()) {
                        assertThat(engineAccepts(optimizerSpec(type.type(), ", \"" + rule.name() + "\": \"" + choice + "\""),
                                rule.name())).isTrue();
                    }
                    assertThat(engineAccepts(optimizerSpec(type.type(), ", \"" + rule.name() + "\": \"other\""), rule.name()))
                            .isFalse();
                    continue;
                }
                for (double value : probes(rule)) {
                    String spec = rule.name().equals("lr")
                            ? optimizerSpec(type.type(), "").replace("\"lr\": 0.1", "\"lr\": " + value)
                            : optimizerSpec(type.type(), ", \"" + rule.name() + "\": " + value);
                    assertThat(engineAccepts(spec, rule.name())).as(type.type() + "." + rule.name() + " = " + value)
                            .isEqualTo(rule.accepts(value));
                    probed++;
                }
            }
        }
        assertThat(probed).isGreaterThan(200);
    }

    @Test
    void optimizerDefaultsAreTheEnginesDefaults() throws Exception {
        for (FieldSchema.TypeFields type : FieldSchema.OPTIMIZERS) {
            Run run = READER.read(optimizerSpec(type.type(), "")).runs().get(0);
            Map<String, Object> used = run.optimizer().hyperparameters();
            assertThat(used.keySet()).containsExactlyInAnyOrderElementsOf(
                    type.fields().stream().map(FieldRule::name).toList());
            for (FieldRule rule : type.fields()) {
                if (rule.name().equals("lr")) {
                    assertThat(rule.defaultValue()).as("lr is required").isNull();
                    assertThat(engineAccepts(optimizerSpec(type.type(), "").replace("\"lr\": 0.1, ", "")
                            .replace(", \"lr\": 0.1", ""), "lr")).isFalse();
                } else if (rule.numeric()) {
                    assertThat(((Number) used.get(rule.name())).doubleValue()).as(type.type() + "." + rule.name())
                            .isEqualTo(rule.defaultValue());
                } else {
                    assertThat(used.get(rule.name())).isEqualTo(rule.defaultChoice());
                }
            }
        }
    }

    @Test
    void scheduleRangesAndRequiredFieldsAreTheEngines() {
        for (FieldSchema.TypeFields type : FieldSchema.SCHEDULES) {
            for (FieldRule rule : type.fields()) {
                String others = type.fields().stream().filter(f -> f != rule)
                        .map(f -> ", \"" + f.name() + "\": " + (f.integer() ? "1" : "0.5")).reduce("", String::concat);
                for (double value : probes(rule)) {
                    String number = rule.integer() && value == Math.rint(value) && Math.abs(value) < 1e15
                            ? Long.toString((long) value) : Double.toString(value);
                    assertThat(engineAccepts(scheduleSpec(type.type(), ", \"" + rule.name() + "\": " + number + others),
                            rule.name())).as(type.type() + "." + rule.name() + " = " + value).isEqualTo(rule.accepts(value));
                }
                if (rule.defaultValue() == null) {
                    assertThat(engineAccepts(scheduleSpec(type.type(), others), rule.name())).as("required").isFalse();
                } else {
                    Run run = READER.read(scheduleSpec(type.type(), others)).runs().get(0);
                    Object used = run.schedule().parameters().getOrDefault(rule.name(), 0);  // warmup 0: no ramp at all
                    assertThat(((Number) used).doubleValue()).as(type.type() + "." + rule.name())
                            .isEqualTo(rule.defaultValue());
                }
            }
        }
    }

    @Test
    void theRulesDescribeThemselves() {
        assertThat(FieldSchema.optimizer("adam").flatMap(t -> t.field("mu")).orElseThrow().describe()).isEqualTo("in [0, 1)");
        assertThat(FieldSchema.optimizer("adam").flatMap(t -> t.field("decay_rate")).orElseThrow().describe()).isEqualTo("in (0, 1)");
        assertThat(FieldSchema.optimizer("sgd").flatMap(t -> t.field("lr")).orElseThrow().describe()).isEqualTo("> 0");
        assertThat(FieldSchema.schedule("step").flatMap(t -> t.field("every")).orElseThrow().accepts(2.5)).isFalse();
        assertThat(FieldSchema.optimizer("amsgrad").flatMap(t -> t.field("variant")).orElseThrow().describe())
                .isEqualTo("one of paper, notes");
    }
}
