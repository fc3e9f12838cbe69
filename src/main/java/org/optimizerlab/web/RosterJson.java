package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.classroom.ReplicaRoster;

/**
 * A replica's {@link ClassRoster.Share} as stored in the shared database for the other replicas: compact JSON,
 * {@code {"places", "anonymous", "refused", "lessons": {slug: count}, "seats": [{"id", "name", "lesson",
 * "preset", "state", "search", "step", "active"}]}}, at most {@link ClassRoster#MAX_LISTED} seats (about 60 KB
 * for 400 students; never more than {@link ReplicaRoster#MAX_CHARS} characters).
 */
final class RosterJson {

    private RosterJson() {
    }

    /** The most lessons one document counts (a lesson slug is checked by form, not against the course). */
    static final int MAX_LESSONS = 500;

    /**
     * The share as a JSON document of at most {@link ReplicaRoster#MAX_CHARS} characters: when long names and
     * slugs would make it longer, fewer seats are listed (the counts still cover everyone).
     */
    static String write(ObjectMapper json, ClassRoster.Share share) {
        int seats = share.seats().size();
        String document = write(json, share, seats);
        while (document.length() > ReplicaRoster.MAX_CHARS && seats > 0) {
            seats /= 2;
            document = write(json, share, seats);
        }
        return document;
    }

    private static String write(ObjectMapper json, ClassRoster.Share share, int listedSeats) {
        ObjectNode root = json.createObjectNode().put("places", share.places()).put("anonymous", share.anonymous())
                .put("refused", share.refused());
        ObjectNode lessons = root.putObject("lessons");
        share.perLesson().entrySet().stream().limit(MAX_LESSONS).forEach(e -> lessons.put(e.getKey(), e.getValue()));
        ArrayNode seats = root.putArray("seats");
        for (ClassRoster.Seat seat : share.seats().subList(0, listedSeats)) {
            ObjectNode item = seats.addObject().put("id", seat.studentId());
            seat.name().ifPresent(name -> item.put("name", name));
            item.put("lesson", seat.lesson()).put("preset", seat.preset()).put("state", seat.state())
                    .put("search", seat.search()).put("step", seat.step())
                    .put("active", seat.lastActivity().toEpochMilli());
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a roster", e);
        }
    }

    /** The share in a document another replica wrote; empty if it is not one (a newer or broken version). */
    static Optional<ClassRoster.Share> read(ObjectMapper json, String document) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.path("seats").isArray() || !root.path("lessons").isObject()) {
            return Optional.empty();
        }
        List<ClassRoster.Seat> seats = new ArrayList<>();
        for (JsonNode item : root.get("seats")) {
            String id = item.path("id").asText("");
            if (id.isEmpty() || seats.size() >= ClassRoster.MAX_LISTED) {
                continue;
            }
            JsonNode name = item.path("name");
            seats.add(new ClassRoster.Seat(id, 0, name.isTextual() ? Optional.of(name.textValue()) : Optional.empty(),
                    item.path("lesson").asText(""), item.path("preset").asText(""), item.path("state").asText("idle"),
                    item.path("search").asBoolean(false), item.path("step").asLong(0),
                    Instant.ofEpochMilli(item.path("active").asLong(0))));
        }
        Map<String, Integer> perLesson = new TreeMap<>();
        root.get("lessons").fields().forEachRemaining(e -> {
            if (perLesson.size() < MAX_LESSONS) {
                perLesson.put(e.getKey(), e.getValue().asInt(0));
            }
        });
        return Optional.of(new ClassRoster.Share(seats, Math.max(seats.size(), root.path("places").asInt(0)),
                root.path("anonymous").asInt(0), perLesson, root.path("refused").asLong(0)));
    }
}
