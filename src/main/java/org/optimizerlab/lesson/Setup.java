package org.optimizerlab.lesson;

import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.GradientEstimate;

/**
 * What a preset runs, by its {@code kind}: a race of optimizers or a hyperparameter search over the WebSocket, or a
 * one-shot computation over HTTP (the SGD lesson's gradient estimate, the initialization lesson's activation study).
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

    /** {@code activations}: one forward pass through a deep network, each layer's activations. */
    record Activations(DeepActivations study) implements Setup {
        /** The kind's name. */
        public static final String KIND = "activations";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** {@code search}: a random search of {@code lr}, {@code reg} and {@code dropout}. */
    record Search(SearchSpec search) implements Setup {
        /** The kind's name. */
        public static final String KIND = "search";

        @Override
        public String kind() {
            return KIND;
        }
    }
}
