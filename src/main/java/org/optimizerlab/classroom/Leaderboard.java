package org.optimizerlab.classroom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks a challenge's submissions: each student's best score (their first submission with it), best first;
 * equal scores in the order they were reached.
 */
final class Leaderboard {

    /** One submission as the ranking needs it. */
    record Scored(long id, String studentId, Optional<String> displayName, double score, Instant at) {
    }

    private Leaderboard() {
    }

    /** The leaderboard of {@code submissions} (oldest first) under {@code order}. */
    static List<LeaderboardEntry> rank(ScoreOrder order, List<Scored> submissions) {
        Map<String, Scored> best = new LinkedHashMap<>();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        for (Scored submission : submissions) {
            attempts.merge(submission.studentId(), 1, Integer::sum);
            Scored current = best.get(submission.studentId());
            if (current == null || order.beats(submission.score(), current.score())) {
                best.put(submission.studentId(), submission);
            }
        }
        Comparator<Scored> better = (a, b) -> order.beats(a.score(), b.score()) ? -1
                : order.beats(b.score(), a.score()) ? 1 : Long.compare(a.id(), b.id());
        List<Scored> ranked = new ArrayList<>(best.values());
        ranked.sort(better);
        List<LeaderboardEntry> entries = new ArrayList<>(ranked.size());
        for (Scored s : ranked) {
            entries.add(new LeaderboardEntry(entries.size() + 1, s.studentId(), s.displayName(), s.score(), s.id(),
                    s.at(), attempts.get(s.studentId())));
        }
        return List.copyOf(entries);
    }
}
