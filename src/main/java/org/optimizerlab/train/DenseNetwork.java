package org.optimizerlab.train;

import java.util.ArrayList;
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
 * thread at a time), so a step allocates nothing after the first.
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
        this.layout = blocks(dims, this.widths, classes);
    }

    /** {@code W1, b1, W2, b2, ...} or {@code W, b}: each layer's weights (fan-in rows) then its biases. */
    private static List<ParameterBlock> blocks(int dims, int[] widths, int classes) {
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

    /** The named blocks of the parameter vector. */
    List<ParameterBlock> layout() {
        return layout;
    }

    /** The number of parameters. */
    int parameterCount() {
        return layout.get(layout.size() - 1).end();
    }

    /** The seeded start: weights by {@code init}'s rule from the init stream of each block's index, biases constant. */
    double[] initialParameters(Initialization init, long seed) {
        double[] start = new double[parameterCount()];
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
        /** Each point's loss in a pass over a whole set, by row (grown on first use, then reused). */
        private double[] pointLosses = new double[0];

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
            withDropout = training && masks != null;
            if (widths.length == 0) {
                System.arraycopy(points.x(), i * dims, input, 0, dims);
                return scores(input);
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
                } else if (dims == 2) {                                   // the spiral's plane, unrolled
                    double x0 = points.x()[i * 2];
                    double x1 = points.x()[i * 2 + 1];
                    double[] w10 = w[0][0];
                    double[] w11 = w[0][1];
                    double[] b1 = b[0];
                    for (int j = 0; j < n; j++) {
                        a[j] = b1[j] + x0 * w10[j] + x1 * w11[j];         // a = b1 + x_i W1
                    }
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
            return scores(previous);
        }

        /** {@code scores = in W_out + b_out}, three classes per pass over {@code in}; returns {@code in}. */
        private double[] scores(double[] in) {
            int c = 0;
            for (; c + 2 < classes; c += 3) {
                Vectors.dot3(in, wOut[c], wOut[c + 1], wOut[c + 2], fanIn, scores, c);
            }
            for (; c < classes; c++) {
                scores[c] = Vectors.dot(in, wOut[c], fanIn);
            }
            for (c = 0; c < classes; c++) {
                scores[c] += bOut[c];
            }
            return in;
        }

        /** Softmax of {@link #scores} into {@link #ds}; returns the cross-entropy loss of class {@code label}. */
        private double softmaxLoss(int label) {
            double max = scores[0];
            for (int c = 1; c < classes; c++) {
                max = Math.max(max, scores[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                ds[c] = Math.exp(scores[c] - max);
                sum += ds[c];
            }
            for (int c = 0; c < classes; c++) {
                ds[c] /= sum;                                             // probabilities
            }
            return Math.log(sum) - (scores[label] - max);                 // -log p[label]
        }

        /**
         * Forward and backward pass of training point {@code i}, with dropout of probability {@code p} when
         * {@code masks} is not null; adds {@code scale} times its gradient and returns its loss.
         */
        double lossAndBackward(LabeledPoints points, int i, double scale, SplittableRandom masks, double p) {
            double[] in = forward(points, i, true, masks, p);
            int label = points.labels()[i];
            double loss = softmaxLoss(label);
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
            int correct = 0;
            for (int i = 0; i < n; i++) {
                int label = points.labels()[i];
                correct += predicted(points, i) == label ? 1 : 0;
                loss += softmaxLoss(label);
            }
            return new double[] {loss / n, (double) correct / n};
        }

        /** The forward pass of point {@code i} without dropout; returns the class of the highest score (the first on a tie). */
        int predicted(LabeledPoints points, int i) {
            forward(points, i, false, null, 0);
            return highestScore();
        }

        /** The class of the highest of the last forward pass's scores (the first on a tie). */
        int highestScore() {
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
                if (scores[c] > scores[predicted]) {
                    predicted = c;
                }
            }
            return predicted;
        }
    }
}
