package org.optimizerlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.optimizerlab.classroom.ClassFields;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * A message from the browser on the experiment WebSocket (format: {@code docs/protocol.md}), checked field by
 * field: every mistake is a {@link org.optimizerlab.validation.FieldException} naming the field ({@code type},
 * {@code n}, {@code stepsPerSecond}; {@code ""} for a message that is not a JSON object). The spec of a
 * {@code start} is only parsed here; the engine validates it on the session's worker.
 */
sealed interface ClientMessage {

    /** The message types, as sent. */
    List<String> TYPES = List.of("start", "pause", "resume", "step", "reset", "speed", "ping", "hello", "regions",
            "read");
    /** The most updates one {@code step} may ask for. */
    int MAX_STEP = 1000;
    /** The largest {@code frames} a {@code read} may give (the largest integer a page's number holds exactly). */
    long MAX_FRAMES_COUNT = 1L << 53;
    /** The speed of a session that never sent {@code speed}, and of a {@code speed} without a value. */
    double DEFAULT_STEPS_PER_SECOND = 60;

    /**
     * {@code start}: validate {@code spec}, replace any experiment, run it (or wait when {@code paused}); a data file
     * the spec names is read from the folder of {@code lesson} (a slug; empty: the lesson of the page's
     * {@code hello}).
     */
    record Start(JsonNode spec, boolean paused, Optional<String> lesson) implements ClientMessage {
        public Start {
            lesson.ifPresent(slug -> ClassFields.slug("lesson", slug));
        }

        /** A start that names no lesson. */
        Start(JsonNode spec, boolean paused) {
            this(spec, paused, Optional.empty());
        }
    }

    /** {@code pause}: stop advancing. */
    record Pause() implements ClientMessage {
    }

    /** {@code resume}: continue advancing. */
    record Resume() implements ClientMessage {
    }

    /** {@code step}: advance exactly {@code n} updates and stay paused. */
    record Step(int n) implements ClientMessage {
        public Step {
            Check.intInRange("n", n, 1, MAX_STEP);
        }
    }

    /** {@code reset}: back to step 0 of the same spec, paused. */
    record Reset() implements ClientMessage {
    }

    /** {@code speed}: updates per second while running. */
    record Speed(double stepsPerSecond) implements ClientMessage {
    }

    /** {@code ping}: nothing to do; it shows the client is there (a silent connection is closed). */
    record Ping() implements ClientMessage {
    }

    /**
     * {@code hello}: who the student is and where (for the instructor's class view): their browser's id, the name
     * they chose (if any), the lesson and the preset on the page ({@code ""} when none is given).
     */
    record Hello(String student, Optional<String> name, String lesson, String preset) implements ClientMessage {
        public Hello {
            ClassFields.id("student", student);
            name = name.map(given -> ClassFields.name("name", given));
            ClassFields.slug("lesson", lesson);
            if (!preset.isEmpty()) {
                ClassFields.id("preset", preset);
            }
        }
    }

    /**
     * {@code regions}: whether the page wants the decision regions of spiral classifiers ({@code on}), and of
     * which run ({@code run}, an id; empty: the first run). Kept for the connection, across {@code start}s.
     */
    record Regions(boolean on, Optional<String> run) implements ClientMessage {
        public Regions {
            run.ifPresent(id -> {
                if (!Run.ID.matcher(id).matches()) {
                    throw new FieldException("run",
                            "must be a run id like sgd (A-Z a-z 0-9 _ -, 1..32 characters), got "
                            + Quote.of(id));
                }
            });
        }
    }

    /**
     * {@code read}: the page has handled the first {@code frames} {@code frames} messages of this connection; from
     * the first one on, the server sends no more than {@link ReadWindow#WINDOW_BYTES} past what it confirmed.
     */
    record Read(long frames) implements ClientMessage {
    }

    /** Parses and checks one message; {@code maxStepsPerSecond} bounds {@code speed}. */
    static ClientMessage parse(String text, int maxStepsPerSecond) {
        JsonNode node = SpecReader.parse(text);
        JsonFields message = JsonFields.root(node);
        String type = message.choice("type", TYPES);
        ClientMessage parsed = switch (type) {
            case "start" -> {
                message.object("spec");
                yield new Start(node.get("spec"), message.bool("paused", false),
                        Optional.ofNullable(message.text("lesson", null)));
            }
            case "pause" -> new Pause();
            case "resume" -> new Resume();
            case "step" -> new Step((int) message.integer("n", 1, MAX_STEP, 1));
            case "reset" -> new Reset();
            case "ping" -> new Ping();
            case "hello" -> new Hello(message.text("student"), Optional.ofNullable(message.text("name", null)),
                    message.text("lesson"), message.text("preset", ""));
            case "read" -> new Read(message.integer("frames", 0, MAX_FRAMES_COUNT));
            case "regions" -> new Regions(message.bool("on", true), Optional.ofNullable(message.text("run", null)));
            case "speed" -> {
                double speed = message.number("stepsPerSecond",
                        Math.min(DEFAULT_STEPS_PER_SECOND, maxStepsPerSecond));
                yield new Speed(Check.inClosed("stepsPerSecond", speed, 1, maxStepsPerSecond));
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        };
        message.rejectUnknown();
        return parsed;
    }
}
