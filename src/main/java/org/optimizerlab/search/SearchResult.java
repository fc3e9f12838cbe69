package org.optimizerlab.search;

import java.util.List;

/**
 * Every trial of a finished search, by index, and the best one ({@link Trial#BEST_FIRST}).
 *
 * @param trials the trials in index order
 * @param best   the best trial
 */
public record SearchResult(List<Trial> trials, Trial best) {

    public SearchResult {
        trials = List.copyOf(trials);
    }
}
