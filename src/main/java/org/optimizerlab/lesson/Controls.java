package org.optimizerlab.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * What the student may change in a preset: the optimizers offered for each run, a control per field, how many runs
 * may race, whether a schedule may be chosen, whether the start point may be picked on the contour plot, and (a
 * search) whether the coarse-to-fine round may be switched on and off.
 *
 * @param optimizers the optimizer types offered, no repeats (at least one for a race, none for the other kinds)
 * @param fields     a control per field name ({@code lr}, {@code mu}, {@code steps}, {@code init}, ...), in file order
 * @param maxRuns    how many runs may race, {@code 1..}{@value Limits#MAX_RUNS}
 * @param schedule   whether a learning-rate schedule may be chosen
 * @param start      whether the start point may be chosen by clicking the contour plot
 * @param refine     whether a search's second, coarse-to-fine round may be switched on and off
 * @param rateMap    whether the page shows the convergence-rate map over the {@code lr} and {@code mu} sliders
 *                   (a race on the quadratic with momentum or Nesterov offered)
 */
public record Controls(List<String> optimizers, Map<String, ControlField> fields, int maxRuns, boolean schedule,
                       boolean start, boolean refine, boolean rateMap) {

    /** The field names a race control may have besides the fields of the spec's problem. */
    public static final List<String> FIELD_NAMES =
            List.of("lr", "mu", "decay_rate", "eps", "steps", "epochs", "batch_size", "every", "factor", "k",
                    "T", "lr_min", "warmup");

    public Controls {
        optimizers = List.copyOf(optimizers);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Check.intInRange("maxRuns", maxRuns, 1, Limits.MAX_RUNS);
    }

    /** The controls of a kind without runs: only {@code fields}. */
    public static Controls fieldsOnly(Map<String, ControlField> fields, boolean refine) {
        return new Controls(List.of(), fields, 1, false, false, refine, false);
    }

    /**
     * Refuses an experiment these controls could not have produced (an optimizer not offered, a value outside its
     * slider, a schedule where none may be chosen, more runs than {@link #maxRuns}), naming the field under
     * {@code specPath}. The number of updates ({@code steps}, {@code epochs}) is not checked: a challenge, which
     * checks a student's experiment with this, sets its own budget.
     */
    public void requireWithin(Experiment experiment, String specPath) {
        if (experiment.runs().size() > maxRuns) {
            throw new FieldException(specPath + ".runs", "at most " + maxRuns + " runs may race here, got "
                    + experiment.runs().size());
        }
        Map<String, ControlField> withoutBudget = new LinkedHashMap<>(fields);
        withoutBudget.remove("steps");
        withoutBudget.remove("epochs");
        RaceControls.checkSpecWithinControls(experiment, new Controls(optimizers, withoutBudget, maxRuns, schedule,
                start, refine, rateMap), specPath, "the preset's controls");
    }
}
