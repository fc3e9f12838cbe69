package org.optimizerlab.optim.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.validation.Check;

/**
 * Decay by epochs: {@code lr = lr0 * factor ^ floor(epoch / every)}. The notes' typical choices are halving every
 * 5 epochs ({@code every=5, factor=0.5}) or dividing by 10 every 20 ({@code every=20, factor=0.1}).
 *
 * @param every  how many epochs between two cuts, {@code >= 1}
 * @param factor what each cut multiplies the rate by, in {@code (0, 1]}
 */
public record StepDecay(int every, double factor) implements Schedule {

    public StepDecay {
        Check.intInRange("every", every, 1, Integer.MAX_VALUE);
        Check.inOpenClosed("factor", factor, 0, 1);
    }

    @Override
    public String type() {
        return "step";
    }

    @Override
    public double lrAt(double lr0, long t, long epoch) {
        return lr0 * Math.pow(factor, Math.floorDiv(epoch, every)); // lr0 * factor^floor(epoch/every)
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("every", every);
        map.put("factor", factor);
        return map;
    }
}
