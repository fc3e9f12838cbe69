package org.optimizerlab.experiment;

import java.util.regex.Pattern;
import org.optimizerlab.optim.OptimizerConfig;
import org.optimizerlab.optim.schedule.Schedule;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * One contestant of a race: an optimizer with its hyperparameters and its learning-rate schedule.
 *
 * @param id        a short name shown in legends and output, {@code [A-Za-z0-9_-]{1,32}}
 * @param optimizer the optimizer and its hyperparameters
 * @param schedule  how the learning rate changes from update to update
 */
public record Run(String id, OptimizerConfig optimizer, Schedule schedule) {

    /** What a run id may look like. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public Run {
        Check.present("id", id);
        if (!ID.matcher(id).matches()) {
            throw new FieldException("id", "must match [A-Za-z0-9_-]{1,32}, got " + Quote.of(id));
        }
        Check.present("optimizer", optimizer);
        Check.present("schedule", schedule);
        if (schedule.lrFloor() > optimizer.lr()) {
            throw new FieldException("schedule.lr_min", "must be at most the optimizer's lr ("
                    + Check.show(optimizer.lr()) + "), got " + Check.show(schedule.lrFloor()));
        }
    }

    /** The learning rate of update {@code t} (0-based) in epoch {@code epoch}. */
    public double lrAt(long t, long epoch) {
        return schedule.lrAt(optimizer.lr(), t, epoch);
    }
}
