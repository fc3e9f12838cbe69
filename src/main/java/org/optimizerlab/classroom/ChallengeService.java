package org.optimizerlab.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.optimizerlab.classroom.ChallengeRefused.Reason;
import org.optimizerlab.experiment.BatchPlan;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * Challenges over a term: the instructor opens one on a race preset of a lesson with a {@link ChallengeGoal},
 * students submit experiments, and the server reruns each one ({@link ChallengeSpec}: the challenge's fixed fields
 * and budget win) and scores it with the engine; a score is stored ({@link ClassStore#addSubmission}) before it
 * is reported. Each student is held to the {@link ChallengeLimits} of each challenge (kept in memory).
 * Thread-safe.
 */
public final class ChallengeService {

    /** Longest deadline, in minutes from opening (30 days). */
    public static final int MAX_DEADLINE_MINUTES = 30 * 24 * 60;

    /** Runs a computation in a bounded slot; empty when none was free in time. */
    @FunctionalInterface
    public interface Slots {
        /** Runs {@code work} in a slot, or returns empty. */
        <T> Optional<T> run(Supplier<T> work) throws InterruptedException;
    }

    /** A challenge with its definition read and whether it still takes submissions. */
    public record View(Challenge challenge, ChallengeDefinition definition, boolean open) {
    }

    /** A scored submission as acknowledged: the stored submission, the run that scored, and the student's best. */
    public record Result(Submission submission, String run, double best, int rank) {
    }

    /** A leaderboard line with the scoring run's optimizer and schedule as submitted. */
    public record Line(LeaderboardEntry entry, String run, JsonNode optimizer, Optional<JsonNode> schedule) {
    }

    private final ClassStore store;
    private final Supplier<Course> course;
    private final Limits specLimits;
    private final ChallengeLimits limits;
    private final Clock clock;
    private final StudentAllowance allowance;

    public ChallengeService(ClassStore store, Supplier<Course> course, Limits specLimits, ChallengeLimits limits,
                            Clock clock) {
        this.store = store;
        this.course = course;
        this.specLimits = specLimits;
        this.limits = limits;
        this.clock = clock;
        this.allowance = new StudentAllowance(limits, clock);
    }

    /**
     * Opens a challenge from {@code body}: {@code lesson}, {@code preset}, {@code goal}, optional {@code title},
     * {@code fixed} (names from {@link ChallengeDefinition#FIXABLE}; {@code start} is kept only for a problem without a
     * training set, {@code batch_size} only for one with), {@code deadlineMinutes} and
     * {@code showLeaderboard}. Errors name the field.
     */
    public View open(JsonNode body) {
        JsonFields root = JsonFields.root(body);
        String slug = root.text("lesson");
        Lesson lesson = course.get().lesson(slug).orElseThrow(() ->
                new FieldException("lesson", "there is no lesson '" + FieldException.oneLine(slug) + "'"));
        String presetId = root.text("preset");
        Preset preset = lesson.presets().stream().filter(p -> p.id().equals(presetId)).findFirst()
                .orElseThrow(() -> new FieldException("preset", "lesson '" + slug + "' has no preset '"
                        + FieldException.oneLine(presetId) + "'"));
        if (!(preset.setup() instanceof Setup.Race race)) {
            throw new FieldException("preset", "must be a race of optimizers; '" + presetId + "' is a "
                    + preset.kind());
        }
        ChallengeGoal goal = ChallengeGoal.read(root.object("goal"));
        goal.requireScorable(race.experiment(), "goal.type");
        checkBudget(goal, race.experiment());
        TreeSet<String> fixed = new TreeSet<>();
        if (root.has("fixed")) {
            List<String> names = new ArrayList<>();
            JsonNode list = body.get("fixed");
            if (!list.isArray()) {
                throw new FieldException("fixed", "must be a list of field names, got " + JsonFields.describe(list));
            }
            list.forEach(n -> names.add(n.asText()));
            for (int i = 0; i < names.size(); i++) {
                if (!ChallengeDefinition.FIXABLE.contains(names.get(i))) {
                    throw new FieldException("fixed[" + i + "]", "must be one of " + String.join(", ",
                            ChallengeDefinition.FIXABLE) + "; got " + JsonFields.describe(list.get(i)));
                }
            }
            boolean training = race.experiment().problem().trainingSetSize() > 0;
            names.stream().filter(n -> training ? !n.equals("start") : !n.equals("batch_size")).forEach(fixed::add);
        }
        Optional<Instant> deadline = root.has("deadlineMinutes")
                ? Optional.of(clock.instant().plus(Duration.ofMinutes(root.integer("deadlineMinutes", 1,
                MAX_DEADLINE_MINUTES))))
                : Optional.empty();
        boolean show = root.bool("showLeaderboard", false);
        String title = root.has("title") ? root.text("title") : lesson.text(Language.FALLBACK).title() + ": "
                + preset.title(Language.FALLBACK);
        root.rejectUnknown();
        ChallengeDefinition definition = new ChallengeDefinition(presetId, preset.spec(), goal, fixed, deadline, show);
        NewChallenge challenge = root.within(() -> new NewChallenge(slug, title.strip(), definition.toJson(),
                goal.order()));
        return view(store.addChallenge(challenge));
    }

    /** Closes a challenge (a closed one stays as it is). */
    public View close(long id) {
        find(id);
        return view(store.closeChallenge(id));
    }

    /** Every challenge, newest first; one whose deadline has passed is closed on the way. */
    public List<View> challenges() {
        List<View> views = new ArrayList<>();
        for (Challenge challenge : store.challenges()) {
            views.add(0, view(challenge));
        }
        return views;
    }

    /** The open challenges of one lesson, newest first. */
    public List<View> openFor(String lessonSlug) {
        return challenges().stream().filter(v -> v.open() && v.challenge().challenge().lessonSlug().equals(lessonSlug))
                .collect(Collectors.toList());
    }

    /** One challenge; {@link ChallengeRefused} ({@code NOT_FOUND}) when there is none. */
    public View find(long id) {
        return view(store.challenge(id).orElseThrow(() ->
                new ChallengeRefused(Reason.NOT_FOUND, "there is no challenge " + id)));
    }

    /**
     * Scores {@code spec} for {@code studentId}, sent from {@code address} (and sets their display name when
     * {@code name} is given), runs it
     * in one of {@code slots}, stores the score and only then returns it. A spec in which no run reaches the goal
     * is refused (field {@code spec.runs}) and not stored.
     */
    public Result submit(long id, String studentId, String address, Optional<String> name, JsonNode spec,
                         Slots slots)
            throws InterruptedException {
        ClassFields.id("studentId", studentId);
        View view = find(id);
        if (!view.open()) {
            throw new ChallengeRefused(Reason.CLOSED, "challenge " + id + " is closed");
        }
        ChallengeDefinition definition = view.definition();
        Lesson lesson = lesson(view);
        Preset preset = preset(lesson, view);
        ObjectNode effective = ChallengeSpec.build(definition, preset.controls(), spec);
        Experiment experiment = ChallengeSpec.read(effective, preset.controls(), specLimits, lesson.data());
        if (name.isEmpty() && store.student(studentId).isEmpty()) {
            throw new FieldException("name", "is required the first time: the name the leaderboard shows");
        }
        if (name.isPresent()) {
            try {
                store.saveDisplayName(studentId, name.get());
            } catch (FieldException e) {
                throw new FieldException("name", e.problem());
            }
        }
        long work = (long) experiment.runs().size() * experiment.steps();
        long fullWork = (long) preset.controls().maxRuns() * experiment.steps();
        allowance.take(id, studentId, address, work, fullWork);
        Optional<ChallengeGoal.Score> computed;
        try {
            computed = slots.run(() -> definition.goal().score(experiment));
        } catch (RuntimeException | InterruptedException e) {
            allowance.giveBack(id, studentId, work, true);
            throw e;
        }
        if (computed.isEmpty()) {
            allowance.giveBack(id, studentId, work, true);
            throw new ChallengeRefused(Reason.BUSY, "the server is busy; try again", 1);
        }
        ChallengeGoal.Score score = computed.get();
        allowance.giveBack(id, studentId, work - score.work(), false);
        if (score.score().isEmpty()) {
            throw new FieldException("spec.runs", missed(definition.goal(), score));
        }
        ObjectNode stored = effective.objectNode();
        stored.put("run", score.run());
        stored.set("spec", effective);
        Submission submission;
        try {
            submission = store.addSubmission(new NewSubmission(id, studentId, stored.toString(),
                    score.score().getAsDouble()));
        } catch (FieldException e) {
            if (e.field().equals("challengeId")) {       // closed while the run was scored
                throw new ChallengeRefused(Reason.CLOSED, "challenge " + id + " closed before this was scored");
            }
            throw e;
        }
        LeaderboardEntry mine = store.leaderboard(id).stream().filter(e -> e.studentId().equals(studentId))
                .findFirst().orElseThrow();
        return new Result(submission, score.run(), mine.bestScore(), mine.rank());
    }

    /** A challenge's leaderboard, best first, with each best submission's optimizer. */
    public List<Line> leaderboard(long id) {
        find(id);
        Map<Long, Submission> byId = store.submissions(id).stream()
                .collect(Collectors.toMap(Submission::id, Function.identity()));
        List<Line> lines = new ArrayList<>();
        for (LeaderboardEntry entry : store.leaderboard(id)) {
            JsonNode stored = SpecReader.parse(byId.get(entry.bestId()).submission().spec());
            String run = stored.path("run").asText();
            JsonNode runNode = null;
            for (JsonNode r : stored.path("spec").path("runs")) {
                if (r.path("id").asText().equals(run)) {
                    runNode = r;
                }
            }
            JsonNode optimizer = runNode == null ? JsonNodeFactory.instance.objectNode() : runNode.path("optimizer");
            Optional<JsonNode> schedule = runNode == null || !runNode.has("schedule") ? Optional.empty()
                    : Optional.of(runNode.get("schedule"));
            lines.add(new Line(entry, run, optimizer, schedule));
        }
        return lines;
    }

    /** A student's best line on a challenge, if they have one. */
    public Optional<LeaderboardEntry> best(long id, String studentId) {
        ClassFields.id("studentId", studentId);
        return store.leaderboard(id).stream().filter(e -> e.studentId().equals(studentId)).findFirst();
    }

    /** The lesson a challenge was opened on, as the course has it now. */
    private Lesson lesson(View view) {
        String slug = view.challenge().challenge().lessonSlug();
        return course.get().lesson(slug).orElseThrow(() -> new ChallengeRefused(Reason.CLOSED, "the course no "
                + "longer has the lesson '" + slug + "' of this challenge"));
    }

    /** The preset a challenge was opened on, as {@code lesson} has it now. */
    private Preset preset(Lesson lesson, View view) {
        String slug = lesson.slug();
        return lesson.presets().stream().filter(p -> p.id().equals(view.definition().preset())).findFirst()
                .orElseThrow(() -> new ChallengeRefused(Reason.CLOSED, "the lesson '" + slug + "' no longer has "
                        + "the preset '" + view.definition().preset() + "' of this challenge"));
    }

    private View view(Challenge challenge) {
        ChallengeDefinition definition = ChallengeDefinition.fromJson(challenge.challenge().spec());
        if (challenge.open() && definition.deadline().filter(d -> !clock.instant().isBefore(d)).isPresent()) {
            challenge = store.closeChallenge(challenge.id());
        }
        return new View(challenge, definition, challenge.open());
    }

    private void checkBudget(ChallengeGoal goal, Experiment experiment) {
        String path = "goal." + goal.budgetField();
        int perEpoch = new BatchPlan(experiment.problem().trainingSetSize(), experiment.batchSize(), 0)
                .batchesPerEpoch();
        long steps = (long) goal.budget() * (goal.budgetField().equals("epochs") ? perEpoch : 1);
        if (goal.budgetField().equals("epochs") && experiment.problem().trainingSetSize() == 0) {
            throw new FieldException(path, "needs a problem with a training set");
        }
        if (steps > specLimits.maxSteps()) {
            throw new FieldException(path, "makes " + steps + " updates; the server allows at most "
                    + specLimits.maxSteps());
        }
    }

    private static String missed(ChallengeGoal goal, ChallengeGoal.Score score) {
        if (goal instanceof ChallengeGoal.StepsToLoss s) {
            return "no run reached a loss below " + s.threshold() + " within " + s.steps() + " steps (the lowest was "
                    + score.closest() + ", run " + score.run() + "); nothing was stored";
        }
        String metric = goal instanceof ChallengeGoal.LowestValidationLoss ? "validation loss" : "validation accuracy";
        return "no run produced a " + metric + " (every run diverged); nothing was stored";
    }
}
