package org.optimizerlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.optimizerlab.classroom.ChallengeService;
import org.optimizerlab.classroom.LeaderboardEntry;

/**
 * A leaderboard as CSV (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so spreadsheets read Chinese names):
 * every field is quoted, quotes doubled, and a text field that a spreadsheet would read as a formula (starting with
 * {@code = + - @}, a tab or a carriage return) gets a leading {@code '}.
 */
final class LeaderboardCsv {

    /** The header row. */
    static final String HEADER = "rank,name,score,run,optimizer,hyperparameters,schedule,attempts,submitted_at";

    private LeaderboardCsv() {
    }

    /** The CSV of {@code lines}. */
    static String of(List<ChallengeService.Line> lines) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (ChallengeService.Line line : lines) {
            LeaderboardEntry e = line.entry();
            csv.append(number(Integer.toString(e.rank()))).append(',')
                    .append(text(e.displayName().orElse(""))).append(',')
                    .append(number(Double.toString(e.bestScore()))).append(',')
                    .append(text(line.run())).append(',')
                    .append(text(line.optimizer().path("type").asText())).append(',')
                    .append(text(fields(line.optimizer()))).append(',')
                    .append(text(line.schedule().map(s -> s.path("type").asText() + " " + fields(s)).orElse("")
                            .strip())).append(',')
                    .append(number(Integer.toString(e.attempts()))).append(',')
                    .append(text(e.bestAt().toString())).append("\r\n");
        }
        return csv.toString();
    }

    /** {@code lr=0.05; mu=0.9}: an object's fields but its {@code type}. */
    static String fields(JsonNode object) {
        StringBuilder out = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("type")) {
                out.append(out.length() == 0 ? "" : "; ").append(f.getKey()).append('=').append(f.getValue().asText());
            }
        }
        return out.toString();
    }

    /** A text field, quoted, defused against formulas. */
    static String text(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    /** A number this server wrote, quoted like every field. */
    private static String number(String value) {
        return '"' + value + '"';
    }
}
