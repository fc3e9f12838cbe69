package org.optimizerlab.train;

import java.util.ArrayList;
import java.util.List;
import org.optimizerlab.init.Initialization;

/** The flat parameter layout of a {@link DenseNetwork} and its seeded start. */
final class DenseLayout {
    private DenseLayout() {
    }

    /** {@code W1, b1, W2, b2, ...} or {@code W, b}: each layer's weights (fan-in rows) then its biases. */
    static List<ParameterBlock> blocks(int dims, int[] widths, int classes) {
        List<ParameterBlock> blocks = new ArrayList<>();
        if (widths.length == 0) {
            blocks.add(new ParameterBlock("W", 0, dims, classes, true));
            blocks.add(new ParameterBlock("b", dims * classes, 1, classes, false));
            return List.copyOf(blocks);
        }
        int offset = 0;
        int in = dims;
        for (int l = 0; l <= widths.length; l++) {
            int out = l < widths.length ? widths[l] : classes;
            blocks.add(new ParameterBlock("W" + (l + 1), offset, in, out, true));
            offset += in * out;
            blocks.add(new ParameterBlock("b" + (l + 1), offset, 1, out, false));
            offset += out;
            in = out;
        }
        return List.copyOf(blocks);
    }

    /**
     * The seeded start of {@code layout}: weights by {@code init}'s rule from the init stream of each block's index,
     * biases constant.
     */
    static double[] initialParameters(List<ParameterBlock> layout, Initialization init, long seed) {
        double[] start = new double[layout.get(layout.size() - 1).end()];
        for (int b = 0; b < layout.size(); b++) {
            ParameterBlock block = layout.get(b);
            if (block.weight()) {
                init.fillWeights(start, block.offset(), block.rows(), block.cols(), RandomStream.INIT.of(seed, b));
            } else {
                init.fillBiases(start, block.offset(), block.size());
            }
        }
        return start;
    }
}
