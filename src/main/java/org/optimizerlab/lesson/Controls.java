package org.optimizerlab.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.validation.Check;

/**
 * What the student may change in a preset: the optimizers offered for each run, a slider per field, how many runs
 * may race, whether a schedule may be chosen and whether the start point may be picked on the contour plot.
 *
 * @param optimizers the optimizer types offered, at least one, no repeats
 * @param fields     a slider per field name ({@code lr}, {@code mu}, {@code steps}, ...), in file order
 * @param maxRuns    how many runs may race, {@code 1..}{@value Limits#MAX_RUNS}
 * @param schedule   whether a learning-rate schedule may be chosen
 * @param start      whether the start point may be chosen by clicking the contour plot
 */
public record Controls(List<String> optimizers, Map<String, ControlField> fields, int maxRuns, boolean schedule,
                       boolean start) {

    /** The field names a control may have. */
    public static final List<String> FIELD_NAMES =
            List.of("lr", "mu", "decay_rate", "eps", "steps", "batch_size", "every", "factor", "k");

    public Controls {
        optimizers = List.copyOf(optimizers);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Check.intInRange("maxRuns", maxRuns, 1, Limits.MAX_RUNS);
    }
}
