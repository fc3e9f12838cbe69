package org.optimizerlab.classroom;

import java.time.Instant;
import java.util.Optional;

/**
 * One student's line on a challenge's leaderboard: their best score and how many times they tried.
 *
 * @param rank         1 for the best; equal scores are ranked by who reached them first
 * @param studentId    the student
 * @param displayName  the name they chose, empty if they never chose one
 * @param bestScore    their best score
 * @param bestId       the submission that scored it (their first with that score)
 * @param bestAt       when it was submitted
 * @param attempts     their submissions to the challenge
 */
public record LeaderboardEntry(int rank, String studentId, Optional<String> displayName, double bestScore,
                               long bestId, Instant bestAt, int attempts) {
}
