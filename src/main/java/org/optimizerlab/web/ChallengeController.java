package org.optimizerlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.optimizerlab.classroom.ChallengeRefused;
import org.optimizerlab.classroom.ChallengeGoal;
import org.optimizerlab.classroom.ChallengeService;
import org.optimizerlab.classroom.ClassFields;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The challenge endpoints (docs/classroom.md). The instructor's, each behind {@link InstructorAuth#require} (and
 * {@link InstructorAuth#checkOrigin} when it changes something): {@code GET /instructor/challenges} (the page),
 * {@code GET|POST /api/instructor/challenges}, {@code POST /api/instructor/challenges/{id}/close},
 * {@code GET /api/instructor/challenges/{id}/leaderboard} and {@code .../leaderboard.csv}. The students':
 * {@code GET /api/challenges?lesson=&student=}, {@code POST /api/challenges/{id}/submissions} and
 * {@code GET /api/challenges/{id}/leaderboard} (when the instructor shows it). Scoring runs in a slot of
 * {@link OneShotWork}; errors are {@code {"error", "field"}}.
 */
public final class ChallengeController {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengeController.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ChallengeService challenges;
    private final ClassRoster roster;
    private final InstructorAuth auth;
    private final OneShotWork work;
    private final Supplier<Course> course;
    private final Messages messages;
    private final LessonPageData pageData;

    /** A controller that tells the class view's {@code roster} the names students give with a submission. */
    public ChallengeController(ChallengeService challenges, InstructorAuth auth, OneShotWork work,
                               Supplier<Course> course, Messages messages, LessonPageData pageData,
                               ClassRoster roster) {
        this.roster = roster;
        this.challenges = challenges;
        this.auth = auth;
        this.work = work;
        this.course = course;
        this.messages = messages;
        this.pageData = pageData;
    }

    /** Adds the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/instructor/challenges", this::page);
        routes.get("/api/instructor/challenges", this::list);
        routes.post("/api/instructor/challenges", this::open);
        routes.post("/api/instructor/challenges/{id}/close", this::close);
        routes.get("/api/instructor/challenges/{id}/leaderboard", this::instructorLeaderboard);
        routes.get("/api/instructor/challenges/{id}/leaderboard.csv", this::csv);
        routes.get("/api/challenges", this::forLesson);
        routes.post("/api/challenges/{id}/submissions", this::submit);
        routes.get("/api/challenges/{id}/leaderboard", this::studentLeaderboard);
    }

    /** {@code GET /instructor/challenges}: the page; the sign-in form's address without a session. */
    void page(Context ctx) {
        if (auth.session(ctx).isEmpty()) {
            ctx.redirect("/instructor/login", HttpStatus.SEE_OTHER);
            return;
        }
        Language language = LanguageChoice.of(ctx);
        Map<String, Object> model = PageController.layoutModel(ctx, language,
                messages.get(language, "challenges.title"));
        ObjectNode strings = NODES.objectNode();
        messages.jsStrings(language).forEach(strings::put);
        model.put("pageStrings", pageData.embed(strings));
        InstructorAuth.formPage(ctx).render("instructor-challenges", model).contentType(PageController.HTML);
    }

    /** {@code GET /api/instructor/challenges}: every challenge, and the presets a challenge can be opened on. */
    void list(Context ctx) {
        auth.require(ctx);
        Language language = LanguageChoice.of(ctx);
        ObjectNode answer = NODES.objectNode();
        ArrayNode list = answer.putArray("challenges");
        challenges.challenges().forEach(v -> list.add(ChallengeJson.challenge(v)));
        ArrayNode presets = answer.putArray("presets");
        for (Lesson lesson : course.get().lessons()) {
            for (Preset preset : lesson.presets()) {
                if (preset.setup() instanceof Setup.Race race) {
                    ObjectNode p = presets.addObject();
                    p.put("lesson", lesson.slug());
                    p.put("lessonTitle", lesson.text(language).title());
                    p.put("preset", preset.id());
                    p.put("title", preset.title(language));
                    p.put("problem", race.experiment().problem().type());
                    p.put("training", race.experiment().problem().trainingSetSize() > 0);
                    ArrayNode goals = p.putArray("goals");           // the goal types that fit its problem
                    ChallengeGoal.fitting(race.experiment()).forEach(goals::add);
                }
            }
        }
        noStore(ctx).json(answer);
    }

    /** {@code POST /api/instructor/challenges}: opens a challenge; 201 with it. */
    void open(Context ctx) {
        auth.require(ctx);
        InstructorAuth.checkOrigin(ctx);
        handle(ctx, () -> {
            Optional<JsonNode> body = body(ctx);
            if (body.isPresent()) {
                ChallengeService.View view = challenges.open(body.get());
                LOG.info("challenge {} opened on {}/{}", view.challenge().id(), view.challenge().challenge()
                        .lessonSlug(), view.definition().preset());
                ctx.status(HttpStatus.CREATED).json(ChallengeJson.challenge(view));
            }
        });
    }

    /** {@code POST /api/instructor/challenges/{id}/close}. */
    void close(Context ctx) {
        auth.require(ctx);
        InstructorAuth.checkOrigin(ctx);
        handle(ctx, () -> {
            ChallengeService.View view = challenges.close(id(ctx));
            LOG.info("challenge {} closed", view.challenge().id());
            ctx.json(ChallengeJson.challenge(view));
        });
    }

    /** {@code GET /api/instructor/challenges/{id}/leaderboard}: {@code {challenge, lines}}. */
    void instructorLeaderboard(Context ctx) {
        auth.require(ctx);
        handle(ctx, () -> leaderboard(ctx, id(ctx)));
    }

    /** {@code GET /api/instructor/challenges/{id}/leaderboard.csv}: a download. */
    void csv(Context ctx) {
        auth.require(ctx);
        handle(ctx, () -> {
            long id = id(ctx);
            String csv = LeaderboardCsv.of(challenges.leaderboard(id));
            noStore(ctx).header("Content-Disposition", "attachment; filename=\"challenge-" + id
                    + "-leaderboard.csv\"").contentType("text/csv; charset=utf-8").result(csv);
        });
    }

    /** {@code GET /api/challenges?lesson=SLUG&student=ID}: the lesson's open challenges, with the student's best. */
    void forLesson(Context ctx) {
        handle(ctx, () -> {
            String lesson = Optional.ofNullable(ctx.queryParam("lesson")).orElseThrow(() ->
                    new FieldException("lesson", "is required"));
            Optional<String> student = Optional.ofNullable(ctx.queryParam("student")).filter(s -> !s.isEmpty());
            ArrayNode list = NODES.arrayNode();
            for (ChallengeService.View view : challenges.openFor(lesson)) {
                ObjectNode node = ChallengeJson.challenge(view);
                long id = view.challenge().id();
                node.set("mine", student.flatMap(s -> challenges.best(id, s)).map(e -> {
                    ObjectNode mine = NODES.objectNode();
                    mine.put("best", e.bestScore());
                    mine.put("rank", e.rank());
                    mine.put("attempts", e.attempts());
                    return (JsonNode) mine;
                }).orElse(null));
                if (view.definition().showLeaderboard()) {
                    node.set("leaderboard", ChallengeJson.lines(challenges.leaderboard(id)));
                }
                list.add(node);
            }
            noStore(ctx).json(Map.of("challenges", list));
        });
    }

    /** {@code POST /api/challenges/{id}/submissions}: {@code {studentId, name?, spec}}; 201 once stored. */
    void submit(Context ctx) {
        InstructorAuth.checkOrigin(ctx);
        handle(ctx, () -> {
            long id = id(ctx);
            Optional<JsonNode> body = body(ctx);
            if (body.isEmpty()) {
                return;
            }
            JsonNode b = body.get();
            if (!b.isObject()) {
                throw new FieldException("", "must be a JSON object {studentId, name, spec}");
            }
            String student = b.path("studentId").isTextual() ? b.get("studentId").textValue() : null;
            if (student == null) {
                throw new FieldException("studentId", "is required (a string)");
            }
            Optional<String> name = b.path("name").isTextual() && !b.get("name").textValue().isBlank()
                    ? Optional.of(b.get("name").textValue()) : Optional.empty();
            ChallengeService.Result result = challenges.submit(id, student, ctx.ip(), name, b.get("spec"),
                    work::inSlot);
            name.ifPresent(stored -> roster.named(student, ClassFields.name("name", stored)));   // the class view
            ObjectNode answer = NODES.objectNode();
            answer.put("submission", result.submission().id());
            answer.put("score", result.submission().submission().score());
            answer.put("run", result.run());
            answer.put("best", result.best());
            answer.put("rank", result.rank());
            ctx.status(HttpStatus.CREATED).json(answer);
        });
    }

    /** {@code GET /api/challenges/{id}/leaderboard}: 403 unless the instructor shows it to students. */
    void studentLeaderboard(Context ctx) {
        handle(ctx, () -> {
            long id = id(ctx);
            if (!challenges.find(id).definition().showLeaderboard()) {
                throw new ChallengeRefused(ChallengeRefused.Reason.HIDDEN, "the instructor does not show this "
                        + "leaderboard to students");
            }
            leaderboard(ctx, id);
        });
    }

    private void leaderboard(Context ctx, long id) {
        ObjectNode answer = NODES.objectNode();
        answer.set("challenge", ChallengeJson.challenge(challenges.find(id)));
        answer.set("lines", ChallengeJson.lines(challenges.leaderboard(id)));
        noStore(ctx).json(answer);
    }

    private Optional<JsonNode> body(Context ctx) {
        return work.body(ctx).map(SpecReader::parse);
    }

    private static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FieldException("id", "must be a challenge's number, got " + Quote.of(raw));
    }

    /** Body of a handler whose refusals become {@code {"error", "field"}} answers. */
    @FunctionalInterface
    private interface Handler {
        void handle() throws InterruptedException;
    }

    private static void handle(Context ctx, Handler handler) {
        try {
            handler.handle();
        } catch (FieldException e) {
            OneShotWork.error(ctx, HttpStatus.BAD_REQUEST, e);
        } catch (ChallengeRefused e) {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            OneShotWork.error(ctx, switch (e.reason()) {
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CLOSED -> HttpStatus.CONFLICT;
                case HIDDEN -> HttpStatus.FORBIDDEN;
                case LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
                case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            }, new FieldException("", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    private static Context noStore(Context ctx) {
        return ctx.header("Cache-Control", "no-store");
    }
}
