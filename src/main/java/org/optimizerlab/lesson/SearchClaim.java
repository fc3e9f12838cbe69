package org.optimizerlab.lesson;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.optimizerlab.search.SearchMetric;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * The claims of hyperparameter searches, checked on the series {@value Claim#TRIALS_SERIES} (one point per trial:
 * its validation accuracy, and {@code [lr, reg, dropout, validation loss]}). The best trial is the engine's: not
 * diverged, then the highest validation accuracy, the lowest validation loss, the earliest (a regression table's
 * trials have no accuracy, so the lowest validation loss decides).
 */
public sealed interface SearchClaim extends Claim {

    /** The claim types, as named in {@code experiment.json}. */
    List<String> TYPES = List.of("best_val_accuracy_above", "best_lr_within");

    /** Where {@code lr} and the validation loss are in a trial point's {@code params}. */
    int LR = 0;
    int VALIDATION_LOSS = 3;

    /** Best first, as {@code org.optimizerlab.search.Trial#BEST_FIRST} orders trials. */
    Comparator<SeriesPoint> BEST_FIRST = Comparator.comparing(SeriesPoint::diverged)
            .thenComparing(Comparator.comparingDouble(SeriesPoint::loss).reversed())
            .thenComparingDouble(p -> p.params().length > VALIDATION_LOSS ? p.params()[VALIDATION_LOSS] : Double.NaN)
            .thenComparingInt(SeriesPoint::step);

    @Override
    default String kind() {
        return Setup.Search.KIND;
    }

    @Override
    default Set<String> runs() {
        return Set.of();
    }

    /** Reads a check of one of {@link #TYPES}. */
    static SearchClaim read(String type, JsonFields check) {
        return switch (type) {
            case "best_val_accuracy_above" -> {
                double value = check.number("value");
                yield check.within(() -> new BestValAccuracyAbove(value));
            }
            case "best_lr_within" -> {
                double low = check.number("low");
                double high = check.number("high");
                yield check.within(() -> new BestLrWithin(low, high));
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    /** The best trial of the series, if it has any. */
    static Optional<SeriesPoint> best(Map<String, List<SeriesPoint>> series) {
        return series.getOrDefault(TRIALS_SERIES, List.of()).stream().min(BEST_FIRST);
    }

    /** {@code best_val_accuracy_above}: the best trial's validation accuracy is above {@code value}. */
    record BestValAccuracyAbove(double value) implements SearchClaim {
        public BestValAccuracyAbove {
            Check.finite("value", value);
        }

        @Override
        public String type() {
            return "best_val_accuracy_above";
        }

        @Override
        public void checkAgainst(Setup setup) {
            if (setup instanceof Setup.Search search
                    && search.search().problem().metric() == SearchMetric.VALIDATION_LOSS) {
                throw new FieldException("type", "a regression table's search has no validation accuracy (its "
                        + "trials are ranked by validation loss); use best_lr_within");
            }
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            Optional<SeriesPoint> best = best(series);
            if (best.isEmpty()) {
                return new Verdict(false, "there are no trials");
            }
            double accuracy = best.get().diverged() ? Double.NaN : best.get().loss();
            boolean holds = accuracy > value;
            return new Verdict(holds, "the best trial (" + best.get().step() + ") has validation accuracy " + accuracy
                    + (holds ? " > " : ", not > ") + Check.show(value));
        }
    }

    /** {@code best_lr_within}: the best trial's learning rate lies in {@code [low, high]}. */
    record BestLrWithin(double low, double high) implements SearchClaim {
        public BestLrWithin {
            Check.positive("low", low);
            Check.finite("high", high);
            if (!(high > low)) {
                throw new FieldException("high", "must be > low (" + Check.show(low) + "), got " + Check.show(high));
            }
        }

        @Override
        public String type() {
            return "best_lr_within";
        }

        @Override
        public Verdict check(Map<String, List<SeriesPoint>> series) {
            Optional<SeriesPoint> best = best(series);
            if (best.isEmpty()) {
                return new Verdict(false, "there are no trials");
            }
            double lr = best.get().params().length > LR ? best.get().params()[LR] : Double.NaN;
            boolean holds = lr >= low && lr <= high;
            return new Verdict(holds, "the best trial (" + best.get().step() + ") has lr " + lr
                    + (holds ? ", within [" : ", outside [") + Check.show(low) + ", " + Check.show(high) + "]");
        }
    }
}
