package org.optimizerlab.train;

import org.optimizerlab.validation.Check;

/**
 * One named slice of a flat parameter vector: a weight matrix or a bias vector of a network ({@code W1}, {@code b1},
 * ...). Matrices are stored row-major: element {@code (r, c)} is at {@code offset + r * cols + c}. The flat vector
 * plus its blocks lets every optimizer work on a network unchanged while lessons still plot per layer.
 *
 * @param name   the block's name as in the notes ({@code W1}, {@code b1}, {@code W2}, {@code b2}, {@code w})
 * @param offset the index of the block's first element in the flat vector, {@code >= 0}
 * @param rows   rows (1 for a vector), {@code >= 1}
 * @param cols   columns, {@code >= 1}
 * @param weight whether it is a weight matrix (L2-regularized, initialized by the weight rule) rather than a bias
 */
public record ParameterBlock(String name, int offset, int rows, int cols, boolean weight) {

    public ParameterBlock {
        Check.present("name", name);
        Check.intInRange("offset", offset, 0, Integer.MAX_VALUE);
        Check.intInRange("rows", rows, 1, Integer.MAX_VALUE);
        Check.intInRange("cols", cols, 1, Integer.MAX_VALUE);
    }

    /** How many numbers the block holds. */
    public int size() {
        return rows * cols;
    }

    /** The index just past the block's last element. */
    public int end() {
        return offset + size();
    }
}
