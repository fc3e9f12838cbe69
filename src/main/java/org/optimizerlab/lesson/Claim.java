package org.optimizerlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.optimizerlab.validation.JsonFields;

/**
 * What a lesson says the student will see, as a check on the plotted series: for a race {@code {runId: points in
 * step order}}; for a gradient estimate one series {@value #ESTIMATE_SERIES} of points {@code (step = K, loss =
 * mean error)}. The same check runs on the engine's output (the lesson claim test, {@code check-lessons}) and on
 * the data of the page's charts (the browser tests).
 *
 * <p>The series are named as the page's chart datasets are keyed: a run's loss by its id; on a training problem
 * also {@link #accuracySeries} (one point per epoch end: {@code step} = epochs done, {@code loss} = accuracy) and
 * {@link #ratioSeries} (per update: the update-to-weight ratio of one block); {@value #STD_SERIES} for an
 * activation study and {@value #TRIALS_SERIES} for a search.
 *
 * <p>The claims come in one closed set of kinds, each in its own file with its types and how to read them:
 * {@link RaceClaim} (a race on any problem: final losses, divergence, rates), {@link TrainingClaim} (a race on a
 * training problem: accuracies, update ratios), {@link EstimateClaim}, {@link ActivationClaim} and
 * {@link SearchClaim}.
 */
public sealed interface Claim permits RaceClaim, TrainingClaim, EstimateClaim, ActivationClaim, SearchClaim {

    /** The name of the one series of a gradient estimate: K as {@code step}, the mean error as {@code loss}. */
    String ESTIMATE_SERIES = "estimate";
    /** The series of an activation study: the layer (from 1) as {@code step}, its standard deviation as {@code loss}. */
    String STD_SERIES = "std";
    /**
     * The series of a search: the trial index as {@code step}, its validation accuracy as {@code loss}, and as
     * {@code params} its {@code [lr, reg, dropout, validation loss]}; diverged trials flagged.
     */
    String TRIALS_SERIES = "trials";

    /** The series of a run's accuracy on {@code split} ({@code train} or {@code validation}), per epoch end. */
    static String accuracySeries(String run, String split) {
        return "accuracy/" + split + "/" + run;
    }

    /** The series of a run's update-to-weight ratio of parameter block {@code layer}, per update. */
    static String ratioSeries(String run, String layer) {
        return "ratio/" + layer + "/" + run;
    }

    /** The check's name in {@code experiment.json}. */
    String type();

    /** The kind of preset the claim is about ({@link Setup#kind()}). */
    default String kind() {
        return Setup.Race.KIND;
    }

    /** The ids of the runs the claim talks about (each must be a run of the preset's spec). */
    Set<String> runs();

    /** Whether the claim holds on {@code series}, and why (or why not), in numbers. */
    Verdict check(Map<String, List<SeriesPoint>> series);

    /**
     * Checks what only this claim type needs of the preset it is about (a run's problem has accuracies, a layer
     * exists), with the field in the claim's {@code check} object; the preset reader has already checked the kind
     * and that the runs named exist.
     */
    default void checkAgainst(Setup setup) {
    }

    /** Whether the claim holds on {@code series}. */
    default boolean holds(Map<String, List<SeriesPoint>> series) {
        return check(series).holds();
    }

    /** The outcome of a check, with the numbers that decided it. */
    record Verdict(boolean holds, String explanation) {
    }

    /**
     * The claim types, as named in {@code experiment.json}: those of races (any problem, then training problems),
     * of gradient estimates, of activation studies and of searches.
     */
    List<String> TYPES = Stream.of(RaceClaim.TYPES, TrainingClaim.TYPES, EstimateClaim.TYPES, ActivationClaim.TYPES,
            SearchClaim.TYPES).flatMap(List::stream).toList();

    /** The preset kind the claim type {@code type} (one of {@link #TYPES}) is about. */
    static String kindOf(String type) {
        if (EstimateClaim.TYPES.contains(type)) {
            return Setup.Estimate.KIND;
        }
        if (ActivationClaim.TYPES.contains(type)) {
            return Setup.Activations.KIND;
        }
        return SearchClaim.TYPES.contains(type) ? Setup.Search.KIND : Setup.Race.KIND;
    }

    /** Reads the {@code check} object of a claim: its {@code type}, then the fields that type needs, and no other. */
    static Claim read(JsonFields check) {
        String type = check.choice("type", TYPES);
        Claim claim;
        if (RaceClaim.TYPES.contains(type)) {
            claim = RaceClaim.read(type, check);
        } else if (TrainingClaim.TYPES.contains(type)) {
            claim = TrainingClaim.read(type, check);
        } else if (EstimateClaim.TYPES.contains(type)) {
            claim = EstimateClaim.read(type, check);
        } else if (ActivationClaim.TYPES.contains(type)) {
            claim = ActivationClaim.read(type, check);
        } else {
            claim = SearchClaim.read(type, check);
        }
        check.rejectUnknown();
        return claim;
    }
}
