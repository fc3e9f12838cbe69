package org.optimizerlab.problem;

/**
 * Which data one update sees: its 0-based index, its 0-based epoch and the training samples of its minibatch.
 *
 * @param update  the 0-based index of the update
 * @param epoch   the 0-based epoch the update belongs to
 * @param indices the training-set rows of this minibatch, or {@code null} for the full batch (always so for
 *                problems without a training set)
 */
public record Batch(long update, long epoch, int[] indices) {

    /** The batch of update {@code update} on a problem without training data, where an update is an epoch. */
    public static Batch fullBatch(long update) {
        return new Batch(update, update, null);
    }
}
