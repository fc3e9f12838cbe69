package org.optimizerlab.analysis;

import org.optimizerlab.analysis.MomentumRate.Method;
import org.optimizerlab.analysis.MomentumRate.Rate;
import org.optimizerlab.analysis.MomentumRate.Region;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The convergence rate of momentum or Nesterov on the quadratic over a grid of (lr, mu): {@code lr} on a log scale
 * from {@code lrMin} to {@code lrMax}, {@code mu} linear from {@code muMin} to {@code muMax}, each cell's exact rate
 * ({@link MomentumRate}) and region.
 *
 * @param method  the optimizer analysed
 * @param a       the curvature along x
 * @param b       the curvature along y
 * @param lrs     the learning rates of the columns, increasing
 * @param mus     the momenta of the rows, increasing
 * @param rates   {@code rates[j][i]}: the rate at {@code (lrs[i], mus[j])}
 * @param regions {@code regions[j][i]}: its region
 */
public record RateMap(Method method, double a, double b, double[] lrs, double[] mus, double[][] rates,
                      Region[][] regions) {

    /** Columns (learning rates) of a map. */
    public static final int LR_POINTS = 72;
    /** Rows (momenta) of a map. */
    public static final int MU_POINTS = 50;
    /** The largest curvature and learning rate a map accepts: beyond, nothing on a lesson's page. */
    public static final double MAX_VALUE = 1e6;

    /**
     * What a map is asked for: the optimizer, the quadratic and the window of (lr, mu), each checked with its field
     * named ({@code a}, {@code lr_max}, ...).
     */
    public record Request(Method method, double a, double b, double lrMin, double lrMax, double muMin, double muMax) {
        public Request {
            Check.present("optimizer", method);
            Check.inOpenClosed("a", a, 0, MAX_VALUE);
            Check.inOpenClosed("b", b, 0, MAX_VALUE);
            Check.inOpenClosed("lr_min", lrMin, 0, MAX_VALUE);
            Check.inOpenClosed("lr_max", lrMax, 0, MAX_VALUE);
            if (!(lrMax > lrMin)) {
                throw new FieldException("lr_max", "must be > lr_min (" + Check.show(lrMin) + "), got "
                        + Check.show(lrMax));
            }
            Check.inClosedOpen("mu_min", muMin, 0, 1);
            Check.inClosedOpen("mu_max", muMax, 0, 1);
            if (!(muMax > muMin)) {
                throw new FieldException("mu_max", "must be > mu_min (" + Check.show(muMin) + "), got "
                        + Check.show(muMax));
            }
        }
    }

    /** Computes the map asked for, {@value #LR_POINTS} × {@value #MU_POINTS} cells. */
    public static RateMap of(Request request) {
        double[] lrs = new double[LR_POINTS];
        double logMin = Math.log(request.lrMin());
        double logMax = Math.log(request.lrMax());
        for (int i = 0; i < LR_POINTS; i++) {
            lrs[i] = i == LR_POINTS - 1 ? request.lrMax() : Math.exp(logMin + (logMax - logMin) * i / (LR_POINTS - 1));
        }
        lrs[0] = request.lrMin();
        double[] mus = new double[MU_POINTS];
        for (int j = 0; j < MU_POINTS; j++) {
            mus[j] = request.muMin() + (request.muMax() - request.muMin()) * j / (MU_POINTS - 1);
        }
        double[][] rates = new double[MU_POINTS][LR_POINTS];
        Region[][] regions = new Region[MU_POINTS][LR_POINTS];
        for (int j = 0; j < MU_POINTS; j++) {
            for (int i = 0; i < LR_POINTS; i++) {
                Rate rate = MomentumRate.of(request.method(), lrs[i], mus[j], request.a(), request.b());
                rates[j][i] = rate.rate();
                regions[j][i] = rate.region();
            }
        }
        return new RateMap(request.method(), request.a(), request.b(), lrs, mus, rates, regions);
    }

    /** The cell of the lowest rate: {@code [i, j]} (column, row). */
    public int[] best() {
        int[] best = {0, 0};
        for (int j = 0; j < mus.length; j++) {
            for (int i = 0; i < lrs.length; i++) {
                if (rates[j][i] < rates[best[1]][best[0]]) {
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }
}
