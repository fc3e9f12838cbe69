package org.optimizerlab.lesson;

import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.train.GradientEstimate;

/**
 * What a preset runs, by its {@code kind}: a race of optimizers over the WebSocket, or the SGD lesson's
 * gradient-estimate experiment over {@code POST /api/gradient-estimate}.
 */
public sealed interface Setup {

    /** The kind's name in {@code experiment.json} and in the page's data. */
    String kind();

    /** {@code race}: runs racing on one problem ({@code spec} is an experiment spec). */
    record Race(Experiment experiment) implements Setup {
        /** The kind's name. */
        public static final String KIND = "race";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** {@code gradient-estimate}: the mean of K minibatch gradients against the full gradient, per K. */
    record Estimate(GradientEstimate estimate) implements Setup {
        /** The kind's name. */
        public static final String KIND = "gradient-estimate";

        @Override
        public String kind() {
            return KIND;
        }
    }
}
