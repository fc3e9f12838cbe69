package org.optimizerlab.optim.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * Cosine annealing (past the notes; Loshchilov and Hutter, "SGDR", 2017, without restarts):
 * {@code lr = lr_min + (lr0 - lr_min) * (1 + cos(pi * t / T)) / 2} for updates {@code t < T}, then {@code lr_min}
 * for every later update. Up to {@code T} this is {@code torch.optim.lr_scheduler.CosineAnnealingLR(T_max=T,
 * eta_min=lr_min)}; torch's rate climbs back up after {@code T} (its cosine goes on), this one stays at the floor.
 *
 * @param T     the update at which the rate reaches {@code lr_min}, {@code >= 1}
 * @param lrMin the floor, {@code >= 0} (at most the optimizer's {@code lr}, checked by the run)
 */
public record CosineAnnealing(int T, double lrMin) implements Schedule {

    /** The floor when {@code lr_min} is not given. */
    public static final double DEFAULT_LR_MIN = 0;

    public CosineAnnealing {
        Check.intInRange("T", T, 1, Integer.MAX_VALUE);
        Check.nonNegative("lr_min", lrMin);
    }

    @Override
    public String type() {
        return "cosine";
    }

    @Override
    public double lrAt(double lr0, long t, long epoch) {
        if (t >= T) {
            return lrMin;                                        // annealed: stays at the floor
        }
        return lrMin + (lr0 - lrMin) * (1 + Math.cos(Math.PI * t / T)) / 2; // lr_min + (lr0 - lr_min)(1 + cos(pi t/T))/2
    }

    @Override
    public double lrFloor() {
        return lrMin;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("T", T);
        map.put("lr_min", lrMin);
        return map;
    }
}
