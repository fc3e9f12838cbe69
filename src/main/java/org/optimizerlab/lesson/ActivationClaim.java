package org.optimizerlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * The claims of activation studies, checked on the series {@value Claim#STD_SERIES}: each layer's standard
 * deviation, layers numbered from 1.
 */
public sealed interface ActivationClaim extends Claim {

    /** The claim types, as named in {@code experiment.json}. */
    List<String> TYPES = List.of("activation_std_ratio");

    @Override
    default String kind() {
        return Setup.Activations.KIND;
    }

    @Override
    default Set<String> runs() {
        return Set.of();
    }

    /** Reads a check of one of {@link #TYPES}. */
    static ActivationClaim read(String type, JsonFields check) {
        int layer = (int) check.integer("layer", 1, 1_000);
        int relativeTo = (int) check.integer("relative_to", 1, 1_000, 1);
        ClaimBounds bounds = ClaimBounds.read(check);
        return check.within(() -> new StdRatio(layer, relativeTo, bounds.above(), bounds.below()));
    }

    /**
     * {@code activation_std_ratio}: {@code above < std(layer) / std(relative_to) < below} (either bound may be
     * left out): "with He initialization layer 10 keeps the spread of layer 1", "small weights collapse".
     */
    record StdRatio(int layer, int relativeTo, Double above, Double below) implements ActivationClaim {
        public StdRatio {
            Check.intInRange("layer", layer, 1, Integer.MAX_VALUE);
            Check.intInRange("relative_to", relativeTo, 1, Integer.MAX_VALUE);
            if (layer == relativeTo) {
                throw new FieldException("relative_to", "must be another layer than " + layer);
            }
            if (above != null) {
                Check.nonNegative("above", above);
            }
            if (below != null) {
                Check.positive("below", below);
            }
        }

        @Override
        public String type() {
            return "activation_std_ratio";
        }

        @Override
        public void checkAgainst(Setup setup) {
            int layers = ((Setup.Activations) setup).study().config().layers();
            if (layer > layers) {
                throw new FieldException("layer", "must be a layer of the spec's network (1.." + layers + "), got "
                        + layer);
            }
            if (relativeTo > layers) {
                throw new FieldException("relative_to", "must be a layer of the spec's network (1.." + layers
                        + "), got " + relativeTo);
            }
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            List<SeriesPoint> points = series.getOrDefault(STD_SERIES, List.of());
            double std = stdOf(points, layer);
            double reference = stdOf(points, relativeTo);
            double ratio = std / reference;
            ClaimBounds bounds = new ClaimBounds(above, below);
            boolean holds = bounds.contains(ratio);
            return new Verdict(holds, "std of layer " + layer + " = " + std + ", of layer " + relativeTo + " = "
                    + reference + ": the ratio " + ratio + (holds ? " is " : " is not ") + bounds.describe());
        }

        private static double stdOf(List<SeriesPoint> points, int layer) {
            return points.stream().filter(p -> p.step() == layer).mapToDouble(SeriesPoint::loss).findFirst()
                    .orElse(Double.NaN);
        }
    }
}
