package org.optimizerlab.experiment;

import java.util.SplittableRandom;
import org.optimizerlab.problem.Batch;

/**
 * The notes' epoch loop, as a fixed sequence of minibatches: at the start of each epoch a random permutation of
 * the {@code n} training samples is drawn (from the seed and the epoch number alone), and the epoch's batches are
 * the consecutive slices of {@code batchSize} samples of that shuffled order.
 *
 * <p>When {@code batchSize} does not divide {@code n}, the last batch of an epoch is the smaller remainder, so
 * every sample is visited exactly once per epoch and an epoch has {@code ceil(n / batchSize)} updates. The plan
 * depends only on {@code (n, batchSize, seed)}: every run of a race sees the same batches in the same order, and
 * the same seed always gives the same batches. A problem without data ({@code n = 0}) has one full batch per epoch.
 *
 * <p>Not thread-safe: it keeps the current epoch's permutation.
 */
public final class BatchPlan {
    private final int n;
    private final int batchSize;
    private final long seed;
    private long permutedEpoch = -1;
    private int[] permutation;

    /**
     * @param n         the training-set size, 0 for problems without data
     * @param batchSize samples per batch, {@code 1..n} (ignored when {@code n = 0})
     * @param seed      the seed of the shuffles
     */
    public BatchPlan(int n, int batchSize, long seed) {
        if (n < 0 || (n > 0 && (batchSize < 1 || batchSize > n))) {
            throw new IllegalArgumentException("batch size " + batchSize + " for " + n + " samples");
        }
        this.n = n;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Updates per epoch: {@code ceil(n / batchSize)}, or 1 without data. */
    public int batchesPerEpoch() {
        return n == 0 ? 1 : (n + batchSize - 1) / batchSize;
    }

    /** The batch of update {@code update} (0-based). */
    public Batch batch(long update) {
        if (n == 0) {
            return Batch.fullBatch(update);
        }
        long epoch = update / batchesPerEpoch();
        int slot = (int) (update % batchesPerEpoch());
        int from = slot * batchSize;
        int to = Math.min(n, from + batchSize);
        int[] indices = new int[to - from];
        System.arraycopy(permutation(epoch), from, indices, 0, indices.length);
        return new Batch(update, epoch, indices);
    }

    /** Whether update {@code update} (0-based) is the last of its epoch. */
    public boolean endsEpoch(long update) {
        return (update + 1) % batchesPerEpoch() == 0;
    }

    /** The epoch (0-based) that update {@code update} belongs to. */
    public long epochOf(long update) {
        return update / batchesPerEpoch();
    }

    /** The shuffled order of epoch {@code epoch}: a Fisher-Yates shuffle seeded by the seed and the epoch. */
    private int[] permutation(long epoch) {
        if (epoch != permutedEpoch) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            permutation = order;
            permutedEpoch = epoch;
        }
        return permutation;
    }
}
