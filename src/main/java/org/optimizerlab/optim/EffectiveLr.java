package org.optimizerlab.optim;

/**
 * The per-coordinate step size of the adaptive methods, {@code lr / (sqrt(cache / correction) + eps)}, computed
 * on demand from an optimizer's state (never in the update loop, which stays one pass over the arrays).
 */
final class EffectiveLr {
    private EffectiveLr() {
    }

    /**
     * @param lr         the learning rate of the last update
     * @param cache      the (running maximum of the) average of squared gradients
     * @param correction Adam's bias correction {@code 1 - decay_rate^t}, or 1 where there is none
     * @param eps        the guard against division by zero
     */
    static double[] of(double lr, double[] cache, double correction, double eps) {
        double[] effective = new double[cache.length];
        for (int i = 0; i < cache.length; i++) {
            effective[i] = lr / (Math.sqrt(cache[i] / correction) + eps);
        }
        return effective;
    }
}
