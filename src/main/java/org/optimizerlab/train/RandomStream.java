package org.optimizerlab.train;

import java.util.SplittableRandom;

/**
 * The independent random streams one spec seed feeds: the generated data, the initial weights, the dropout masks,
 * the minibatches of a gradient estimate, the trials of a search and the inputs of an activation study.
 *
 * <p>Each stream is a {@link SplittableRandom} seeded by mixing the spec's seed, the stream and an index (an update,
 * a repeat, a trial), so a number drawn in one stream never depends on how many were drawn in another: adding
 * dropout to a network does not change its data or its initial weights, and the mask of update 7 is the same
 * whatever happened before it.
 */
public enum RandomStream {
    /** Generated training data (features, true weights, noise, spiral angles, the validation split). */
    DATA,
    /** Initial weights of a network. */
    INIT,
    /** Dropout masks, indexed by update. */
    DROPOUT,
    /** Random minibatches of a gradient estimate, indexed by repeat. */
    ESTIMATE,
    /** Hyperparameters of search trials. */
    SEARCH,
    /** The random input batch of an activation study. */
    ACTIVATIONS;

    /** The generator of this stream for {@code seed}. */
    public SplittableRandom of(long seed) {
        return of(seed, 0);
    }

    /** The generator of this stream for {@code seed} and an index (update, repeat, trial). */
    public SplittableRandom of(long seed, long index) {
        return new SplittableRandom(mix(mix(seed, ordinal() + 1L), index));
    }

    /** SplitMix64's finalizer over {@code a} plus the golden-ratio multiple of {@code b}: two inputs, 64 mixed bits. */
    private static long mix(long a, long b) {
        long z = a + 0x9E3779B97F4A7C15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
