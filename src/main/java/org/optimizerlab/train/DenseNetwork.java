package org.optimizerlab.train;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.optimizerlab.init.Initialization;

/**
 * The layer stack of the training problems' classifier: {@code h_1 = act(x W1 + b1)}, {@code h_l = act(h_{l-1} W_l +
 * b_l)} for each further hidden layer, {@code scores = h_L W_{L+1} + b_{L+1}}; with no hidden layer, the linear
 * softmax classifier {@code scores = x W + b}. It owns the forward pass, the softmax cross-entropy and the backward
 * pass of one sample, with inverted dropout on every hidden layer; the data and the batch loop are the problem's
 * ({@link SpiralClassifier}).
 *
 * <p>Parameters (one flat vector, blocks in {@link #layout()}): {@code W1 (inputs x width_1)}, {@code b1}, ...,
 * {@code W_{L+1} (width_L x classes)}, {@code b_{L+1}}; or {@code W (inputs x classes)}, {@code b}. Block {@code k}
 * (in that order) is initialized from the seed's init stream {@code k}, so a one-hidden-layer network starts where
 * it always did.
 *
 * <p>The work is done one sample at a time in small buffers reused from call to call (a {@link Workspace} per
 * thread at a time), so a step allocates nothing after the first; without dropout the class scores of a batch or a
 * set are computed a {@link PointBlock} of points at a time, vectorized across the points, to the same doubles.
 */
final class DenseNetwork {

    private final int dims;
    private final int[] widths;
    private final int classes;
    private final Activation activation;
    /** Fan-in of the output layer: the last hidden width, or the input dimension without a hidden layer. */
    private final int fanIn;
    private final List<ParameterBlock> layout;
    private final AtomicReference<Workspace> spare = new AtomicReference<>();

    /** A network on {@code dims} inputs with hidden layers of {@code widths} (none: softmax) and {@code classes} outputs. */
    DenseNetwork(int dims, List<Integer> widths, Activation activation, int classes) {
        this.dims = dims;
        this.widths = widths.stream().mapToInt(Integer::intValue).toArray();
        this.classes = classes;
        this.activation = activation;
        this.fanIn = this.widths.length > 0 ? this.widths[this.widths.length - 1] : dims;
        this.layout = DenseLayout.blocks(dims, this.widths, classes);
    }

    /** The seeded start: weights by {@code init}'s rule from the init stream of each block's index, biases constant. */
    double[] initialParameters(Initialization init, long seed) {
        return DenseLayout.initialParameters(layout, init, seed);
    }

    /** The named blocks of the parameter vector. */
    List<ParameterBlock> layout() {
        return layout;
    }

    /** The number of parameters. */
    int parameterCount() {
        return layout.get(layout.size() - 1).end();
    }

    /** A workspace for one thread at a time; give it back with {@link #release}. */
    Workspace acquire() {
        Workspace ws = spare.getAndSet(null);
        return ws != null ? ws : new Workspace();
    }

    /** Keeps {@code ws} for the next call. */
    void release(Workspace ws) {
        spare.set(ws);
    }

    /**
     * The weights unpacked into cache-friendly rows ({@code w[l][k]} = the weights out of input {@code k} of hidden
     * layer {@code l}; the output layer transposed, {@code wOut[c]} = the weights into class {@code c}), the
     * gradient being accumulated, and one sample's activations, so every inner loop runs over a contiguous row.
     */
    final class Workspace {
        private final double[][][] w = new double[widths.length][][];
        private final double[][][] dw = new double[widths.length][][];
        private final double[][] b = new double[widths.length][];
        private final double[][] db = new double[widths.length][];
        private final double[][] act = new double[widths.length][];      // activations before dropout
        private final double[][] dropped = new double[widths.length][];  // activations after dropout
        private final double[][] gate = new double[widths.length][];     // d(layer output) / d(pre-activation)
        private final double[][] dh = new double[widths.length][];
        private final double[][] wOut = new double[classes][fanIn];
        private final double[][] dwOut = new double[classes][fanIn];
        private final double[] bOut = new double[classes];
        private final double[] dbOut = new double[classes];
        private final double[] input = new double[dims];
        private final double[] scores = new double[classes];
        private final double[] ds = new double[classes];
        /**
         * Whether the last forward pass dropped units: its layer outputs are in {@link #dropped} and each layer's
         * {@link #gate} holds the activation's derivative times the mask; without dropout the backward pass takes the
         * derivative straight from {@link #act}.
         */
        private boolean withDropout;
        private int correct;                                              // read by correct()
        /** Each point's loss in a pass over a whole set, by row (grown on first use, then reused). */
        private double[] pointLosses = new double[0];
        /** Class scores a block of points at a time; null where its sums would not be ours ({@link PointBlock#fits}). */
        private final PointBlock block = PointBlock.fits(classes) ? new PointBlock(dims, widths, classes) : null;

        private Workspace() {
            int in = dims;
            for (int l = 0; l < widths.length; l++) {
                int n = widths[l];
                w[l] = new double[in][n];
                dw[l] = new double[in][n];
                b[l] = new double[n];
                db[l] = new double[n];
                act[l] = new double[n];
                dropped[l] = new double[n];
                gate[l] = new double[n];
                dh[l] = new double[n];
                in = n;
            }
        }

        /** Reads the flat parameters {@code x}. */
        void unpack(double[] x) {
            int offset = 0;
            int in = dims;
            for (int l = 0; l < widths.length; l++) {
                int n = widths[l];
                for (int k = 0; k < in; k++) {
                    System.arraycopy(x, offset + k * n, w[l][k], 0, n);
                }
                offset += in * n;
                System.arraycopy(x, offset, b[l], 0, n);
                offset += n;
                in = n;
            }
            for (int k = 0; k < fanIn; k++) {
                for (int c = 0; c < classes; c++) {
                    wOut[c][k] = x[offset + k * classes + c];
                }
            }
            System.arraycopy(x, offset + fanIn * classes, bOut, 0, classes);
        }

        /** Zeroes the accumulated gradient. */
        void clearGradients() {
            for (int l = 0; l < widths.length; l++) {
                for (double[] row : dw[l]) {
                    Arrays.fill(row, 0);
                }
                Arrays.fill(db[l], 0);
            }
            for (double[] row : dwOut) {
                Arrays.fill(row, 0);
            }
            Arrays.fill(dbOut, 0);
        }

        /** Writes the accumulated gradient plus the L2 term {@code reg * W} into {@code dx}, in the flat layout. */
        void packGradient(double[] x, double[] dx, double reg) {
            int offset = 0;
            int in = dims;
            for (int l = 0; l < widths.length; l++) {
                int n = widths[l];
                for (int k = 0; k < in; k++) {
                    double[] row = dw[l][k];
                    for (int j = 0; j < n; j++) {
                        int i = offset + k * n + j;
                        dx[i] = row[j] + reg * x[i];
                    }
                }
                offset += in * n;
                System.arraycopy(db[l], 0, dx, offset, n);
                offset += n;
                in = n;
            }
            for (int k = 0; k < fanIn; k++) {
                for (int c = 0; c < classes; c++) {
                    int i = offset + k * classes + c;
                    dx[i] = dwOut[c][k] + reg * x[i];
                }
            }
            System.arraycopy(dbOut, 0, dx, offset + fanIn * classes, classes);
        }

        /**
         * The forward pass of point {@code i}: fills {@link #scores} and returns the input of the output layer (the
         * last hidden layer's output, or the point's features). In training with dropout ({@code masks} not null) it
         * also fills each layer's {@link #gate}, the derivative of the layer's output by its pre-activations: the
         * activation's derivative times the dropout mask of probability {@code p}, drawn from {@code masks}, layer by
         * layer, unit by unit.
         */
        private double[] forward(LabeledPoints points, int i, boolean training, SplittableRandom masks, double p) {
            return scores(hidden(points, i, training, masks, p));
        }

        /** {@link #forward} without the class scores: returns the input of the output layer. */
        private double[] hidden(LabeledPoints points, int i, boolean training, SplittableRandom masks, double p) {
            withDropout = training && masks != null;
            if (widths.length == 0) {
                System.arraycopy(points.x(), i * dims, input, 0, dims);
                return input;
            }
            double[] previous = null;
            for (int l = 0; l < widths.length; l++) {
                int n = widths[l];
                double[] a = act[l];
                if (l > 0) {
                    System.arraycopy(b[l], 0, a, 0, n);
                    for (int k = 0; k < widths[l - 1]; k++) {
                        Vectors.axpy(previous[k], w[l][k], a, n);         // a = b_l + h_{l-1} W_l
                    }
                } else if (dims == 2) {                                   // a = b1 + x_i W1 on the spiral's plane
                    Vectors.biasPlus2(b[0], points.x()[i * 2], w[0][0], points.x()[i * 2 + 1], w[0][1], a, n);
                } else {
                    System.arraycopy(b[0], 0, a, 0, n);
                    for (int k = 0; k < dims; k++) {
                        Vectors.axpy(points.x()[i * dims + k], w[0][k], a, n);   // the same sum, feature by feature
                    }
                }
                activation.applyInPlace(a, n);
                previous = a;
                if (!withDropout) {
                    continue;                                             // the backward pass takes act' from a
                }
                activation.derivativeFromOutput(a, gate[l], n);
                double keep = 1 / (1 - p);
                double[] out = dropped[l];
                double[] g = gate[l];
                for (int j = 0; j < n; j++) {                             // inverted dropout: drop with p, scale the rest
                    double mask = masks.nextDouble() < p ? 0 : keep;
                    out[j] = a[j] * mask;
                    g[j] *= mask;
                }
                previous = out;
            }
            return previous;
        }

        /** {@code scores = in W_out + b_out} ({@link Vectors#scores}); returns {@code in}. */
        private double[] scores(double[] in) {
            Vectors.scores(in, wOut, bOut, classes, fanIn, scores);
            return in;
        }

        /**
         * Forward and backward pass of training point {@code i}, with dropout of probability {@code p} when
         * {@code masks} is not null; adds {@code scale} times its gradient and returns its loss.
         */
        double lossAndBackward(LabeledPoints points, int i, double scale, SplittableRandom masks, double p) {
            return backward(points, i, forward(points, i, true, masks, p), scale);
        }

        /**
         * {@link #lossAndBackward} of points {@code rows[0..m)} ({@code 0..m} when {@code rows} is null) in that
         * order; returns the sum of their losses, added in that order. Without dropout, a network of at most one
         * hidden layer takes its class scores from a {@link PointBlock} (the same doubles) and its hidden layer from
         * the point's own pass, for the backward pass. With {@code byPoint}, keeps each point's loss in
         * {@link #pointLosses} by row and counts the points whose highest score is their label in {@link #correct}.
         */
        double lossAndBackward(LabeledPoints points, int[] rows, int m, double scale, SplittableRandom masks, double p,
                               boolean byPoint) {
            boolean byBlock = block != null && masks == null && widths.length <= 1;
            double[] losses = byPoint ? pointLosses(points.size()) : null;
            double sum = 0;
            correct = 0;
            for (int from = 0; from < m; from += PointBlock.SIZE) {
                int count = Math.min(PointBlock.SIZE, m - from);
                if (byBlock) {
                    block.forward(points, rows, from, count, w, b, activation, wOut, bOut);
                }
                for (int q = 0; q < count; q++) {
                    int row = rows == null ? from + q : rows[from + q];
                    double[] in = byBlock ? blockScores(q, hidden(points, row, true, null, 0))
                            : forward(points, row, true, masks, p);
                    double loss = backward(points, row, in, scale);
                    sum += loss;
                    if (byPoint) {
                        losses[row] = loss;
                        correct += highestScore() == points.labels()[row] ? 1 : 0;
                    }
                }
            }
            return sum;
        }

        /** The number of points counted by the last {@link #lossAndBackward} over a batch {@code byPoint}. */
        int correct() {
            return correct;
        }

        /** Copies the block's scores of its point {@code q} into {@link #scores}; returns {@code in}. */
        private double[] blockScores(int q, double[] in) {
            for (int c = 0; c < classes; c++) {
                scores[c] = block.score(c, q);
            }
            return in;
        }

        /** The backward pass from the last forward pass, whose output layer's input was {@code in}; returns the loss. */
        private double backward(LabeledPoints points, int i, double[] in, double scale) {
            int label = points.labels()[i];
            double loss = Softmax.loss(scores, classes, label, ds);
            ds[label] -= 1;                                               // dscores = probs - onehot
            for (int c = 0; c < classes; c++) {
                ds[c] *= scale;                                           // of the mean over the batch
                dbOut[c] += ds[c];
            }
            Vectors.addScaledToRows(ds, in, dwOut, classes, fanIn);      // dW_out += h^T dscores
            int last = widths.length - 1;
            if (last < 0) {
                return loss;
            }
            Vectors.combineRows(ds, wOut, classes, dh[last], fanIn);      // dh_L = dscores W_out^T
            for (int l = last; l >= 0; l--) {
                int n = widths[l];
                double[] g = dh[l];
                if (withDropout) {
                    double[] through = gate[l];
                    for (int j = 0; j < n; j++) {
                        g[j] *= through[j];                               // through dropout and the nonlinearity
                    }
                } else {
                    activation.multiplyByDerivative(act[l], g, n);        // through the nonlinearity
                }
                double[] bias = db[l];
                for (int j = 0; j < n; j++) {
                    bias[j] += g[j];                                      // db_l += g
                }
                if (l == 0 && dims == 2) {                                // the spiral's plane, in one pass
                    Vectors.axpy2(points.x()[i * 2], points.x()[i * 2 + 1], g, dw[0][0], dw[0][1], n);
                    break;
                }
                if (l == 0) {
                    for (int k = 0; k < dims; k++) {
                        Vectors.axpy(points.x()[i * dims + k], g, dw[0][k], n);   // dW1 += x_i^T g
                    }
                    break;
                }
                double[] below = withDropout ? dropped[l - 1] : act[l - 1];
                double[] back = dh[l - 1];
                for (int k = 0; k < widths[l - 1]; k++) {
                    Vectors.axpy(below[k], g, dw[l][k], n);               // dW_l += h_{l-1}^T g
                    back[k] = Vectors.dot(w[l][k], g, n);                 // dh_{l-1} = g W_l^T
                }
            }
            return loss;
        }

        /** A buffer for the losses of {@code n} points, by row (its contents are left from its last use). */
        double[] pointLosses(int n) {
            if (pointLosses.length < n) {
                pointLosses = new double[n];
            }
            return pointLosses;
        }

        /** {mean cross-entropy, accuracy} of the network, without dropout, over {@code points}. */
        double[] meanLossAndAccuracy(LabeledPoints points) {
            int n = points.size();
            double loss = 0;
            int right = 0;
            for (int i = 0; i < n; i++) {
                int label = points.labels()[i];
                right += scoresInOrder(points, i) == label ? 1 : 0;
                loss += Softmax.loss(scores, classes, label, ds);
            }
            return new double[] {loss / n, (double) right / n};
        }

        /** The class of the highest score (the first on a tie) of each point, without dropout, into {@code out}. */
        void predictAll(LabeledPoints points, int[] out) {
            for (int i = 0; i < points.size(); i++) {
                out[i] = scoresInOrder(points, i);
            }
        }

        /**
         * The scores of point {@code i} without dropout into {@link #scores}, in a pass over all of {@code points} in
         * order from 0 (each {@link PointBlock} is computed at its first point); returns the highest score's class.
         */
        private int scoresInOrder(LabeledPoints points, int i) {
            if (block == null) {
                forward(points, i, false, null, 0);
            } else {
                int q = i % PointBlock.SIZE;
                if (q == 0) {
                    block.forward(points, null, i, Math.min(PointBlock.SIZE, points.size() - i), w, b, activation,
                            wOut, bOut);
                }
                blockScores(q, null);
            }
            return highestScore();
        }

        /** The class of the highest of the last forward pass's scores (the first on a tie). */
        int highestScore() {
            return Softmax.highest(scores, classes);
        }
    }
}
