package org.optimizerlab.lesson;

import java.util.List;
import java.util.Optional;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.optim.AdaGrad;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.Momentum;
import org.optimizerlab.optim.RmsProp;
import org.optimizerlab.optim.schedule.CosineAnnealing;

/**
 * The fields of every optimizer and schedule of a spec, with their defaults and allowed ranges, as the engine's
 * configuration records validate them. Lesson pages send it to the front end (which builds its inputs from it)
 * and the lesson loader checks controls against it; a test probes the engine at every bound to keep the two in
 * agreement.
 */
public final class FieldSchema {

    /** The fields of one optimizer or schedule type. */
    public record TypeFields(String type, List<FieldRule> fields) {
        public TypeFields {
            fields = List.copyOf(fields);
        }

        /** The field with this name, if the type has it. */
        public Optional<FieldRule> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    private static final FieldRule LR = FieldRule.number("lr", null, 0.0, true, null, false);
    private static final FieldRule MU = FieldRule.number("mu", Momentum.DEFAULT_MU, 0.0, false, 1.0, true);
    private static final FieldRule EPS = FieldRule.number("eps", AdaGrad.DEFAULT_EPS, 0.0, true, null, false);
    private static final FieldRule VARIANT = FieldRule.choice("variant", List.of("paper", "notes"), "paper");

    private static FieldRule decayRate(double defaultValue) {
        return FieldRule.number("decay_rate", defaultValue, 0.0, true, 1.0, true);
    }

    /** Every optimizer, in the order of {@link SpecReader#OPTIMIZERS}. */
    public static final List<TypeFields> OPTIMIZERS = List.of(
            new TypeFields("sgd", List.of(LR)),
            new TypeFields("momentum", List.of(LR, MU)),
            new TypeFields("nesterov", List.of(LR, MU)),
            new TypeFields("adagrad", List.of(LR, EPS)),
            new TypeFields("rmsprop", List.of(LR, decayRate(RmsProp.DEFAULT_DECAY_RATE), EPS)),
            new TypeFields("adam", List.of(LR, MU, decayRate(Adam.DEFAULT_DECAY_RATE), EPS)),
            new TypeFields("amsgrad", List.of(LR, MU, decayRate(Adam.DEFAULT_DECAY_RATE), EPS, VARIANT)));

    /** Every schedule's optional linear warm-up, in updates (0: none). */
    private static final FieldRule WARMUP = FieldRule.integer("warmup", 0.0, 0, (double) Integer.MAX_VALUE);

    /** Every learning-rate schedule, in the order of {@link SpecReader#SCHEDULES}; each may have a {@code warmup}. */
    public static final List<TypeFields> SCHEDULES = List.of(
            new TypeFields("constant", List.of(WARMUP)),
            new TypeFields("step", List.of(FieldRule.integer("every", null, 1, (double) Integer.MAX_VALUE),
                    FieldRule.number("factor", null, 0.0, true, 1.0, false), WARMUP)),
            new TypeFields("exponential", List.of(FieldRule.number("k", null, 0.0, false, null, false), WARMUP)),
            new TypeFields("inverse", List.of(FieldRule.number("k", null, 0.0, false, null, false), WARMUP)),
            new TypeFields("cosine", List.of(FieldRule.integer("T", null, 1, (double) Integer.MAX_VALUE),
                    FieldRule.number("lr_min", CosineAnnealing.DEFAULT_LR_MIN, 0.0, false, null, false), WARMUP)));

    private FieldSchema() {
    }

    /** The fields of optimizer {@code type}. */
    public static Optional<TypeFields> optimizer(String type) {
        return OPTIMIZERS.stream().filter(t -> t.type().equals(type)).findFirst();
    }

    /** The fields of schedule {@code type}. */
    public static Optional<TypeFields> schedule(String type) {
        return SCHEDULES.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
