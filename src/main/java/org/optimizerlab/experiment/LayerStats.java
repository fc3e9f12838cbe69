package org.optimizerlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.optimizerlab.train.ParameterBlock;

/**
 * One parameter block's numbers after one update, for the per-layer plots of the training lessons: how large the
 * weights and their gradient are, and the update-to-parameter ratio, which the rule of thumb wants near {@code 1e-3}
 * (much lower: the learning rate is too small; much higher: too large).
 *
 * @param name        the block's name ({@code W1}, {@code b1}, ...)
 * @param weightNorm  the Euclidean norm of the block before the update
 * @param gradNorm    the norm of its gradient ({@code NaN} at step 0)
 * @param updateNorm  the norm of its change by the update (0 at step 0)
 * @param updateRatio {@code updateNorm / weightNorm} ({@code NaN} at step 0; infinite when the block was all zero)
 */
public record LayerStats(String name, double weightNorm, double gradNorm, double updateNorm, double updateRatio) {

    /** The statistics of every block of {@code layout} for an update from {@code before} by {@code update} along gradient {@code dx}. */
    static List<LayerStats> of(List<ParameterBlock> layout, double[] before, double[] dx, double[] update) {
        List<LayerStats> stats = new ArrayList<>(layout.size());
        for (ParameterBlock block : layout) {
            double weights = 0;                                       // three sums in one pass, each in index order
            double gradient = 0;
            double change = 0;
            for (int i = block.offset(); i < block.end(); i++) {
                weights += before[i] * before[i];
                gradient += dx[i] * dx[i];
                change += update[i] * update[i];
            }
            double weightNorm = Math.sqrt(weights);
            double updateNorm = Math.sqrt(change);
            stats.add(new LayerStats(block.name(), weightNorm, Math.sqrt(gradient), updateNorm,
                    updateNorm / weightNorm));
        }
        return stats;
    }

    /** The statistics of the start point: weight norms only. */
    static List<LayerStats> atStart(List<ParameterBlock> layout, double[] start) {
        List<LayerStats> stats = new ArrayList<>(layout.size());
        for (ParameterBlock block : layout) {
            stats.add(new LayerStats(block.name(), norm(start, block), Double.NaN, 0, Double.NaN));
        }
        return stats;
    }

    private static double norm(double[] v, ParameterBlock block) {
        double sum = 0;
        for (int i = block.offset(); i < block.end(); i++) {
            sum += v[i] * v[i];
        }
        return Math.sqrt(sum);
    }
}
