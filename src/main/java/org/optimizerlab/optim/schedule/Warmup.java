package org.optimizerlab.optim.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * Linear warm-up (past the notes) in front of any other schedule: the first {@code steps} updates ramp the
 * schedule's own rate up from {@code 1/steps} of it, {@code lr = min(1, (t + 1) / steps) * after(t, epoch)}; from
 * update {@code steps - 1} on, the rate is the schedule's. The schedule's clock is not shifted: a cosine with
 * {@code T = 300} still reaches its floor at update 300. Alone (before {@code constant}) this is
 * {@code torch.optim.lr_scheduler.LinearLR(start_factor=1/steps, end_factor=1, total_iters=steps-1)}.
 *
 * <p>In a spec it is the field {@code warmup} of any schedule object: {@code {"type": "cosine", "T": 300,
 * "warmup": 20}}, or {@code {"type": "constant", "warmup": 20}} for warm-up alone; so {@link #type()} and
 * {@link #parameters()} are the wrapped schedule's, with {@code warmup} added.
 *
 * @param steps the updates of the ramp, {@code >= 1}
 * @param after the schedule being warmed up (not itself a warm-up)
 */
public record Warmup(int steps, Schedule after) implements Schedule {

    public Warmup {
        Check.intInRange("warmup", steps, 1, Integer.MAX_VALUE);
        Check.present("schedule", after);
        if (after instanceof Warmup) {
            throw new FieldException("warmup", "a schedule has one warm-up, not a warm-up of a warm-up");
        }
    }

    @Override
    public String type() {
        return after.type();
    }

    @Override
    public double lrAt(double lr0, long t, long epoch) {
        return Math.min(1.0, (t + 1.0) / steps) * after.lrAt(lr0, t, epoch); // min(1, (t+1)/W) * schedule(t)
    }

    @Override
    public double lrFloor() {
        return after.lrFloor();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>(after.parameters());
        map.put("warmup", steps);
        return map;
    }
}
