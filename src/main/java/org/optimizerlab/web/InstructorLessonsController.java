package org.optimizerlab.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.LessonProblem;
import org.optimizerlab.lesson.LiveCourse;
import org.optimizerlab.lesson.ReloadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instructor's lessons: {@code GET /instructor/lessons} (the course served, where each lesson comes from, the
 * last reload and every problem of a refused one, and a "Reload lessons" button), {@code POST
 * /instructor/lessons/reload} (validates the folder and serves it, or keeps the course and shows why) and
 * {@code GET /api/instructor/lessons} (the same as JSON). Every one needs the instructor's session
 * ({@link InstructorAuth#require}); the form is checked for its origin.
 */
public final class InstructorLessonsController {
    private static final Logger LOG = LoggerFactory.getLogger(InstructorLessonsController.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final InstructorAuth auth;
    private final LiveCourse course;
    private final Messages messages;

    public InstructorLessonsController(InstructorAuth auth, LiveCourse course, Messages messages) {
        this.auth = auth;
        this.course = course;
        this.messages = messages;
    }

    /** Adds the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/instructor/lessons", this::page);
        routes.post("/instructor/lessons/reload", this::reload);
        routes.get("/api/instructor/lessons", this::status);
    }

    /** {@code GET /instructor/lessons}; the sign-in form's address without a session. */
    void page(Context ctx) {
        if (auth.session(ctx).isEmpty()) {
            ctx.redirect("/instructor/login", HttpStatus.SEE_OTHER);
            return;
        }
        auth.require(ctx);
        Language language = LanguageChoice.of(ctx);
        Map<String, Object> model = PageController.layoutModel(ctx, language,
                messages.get(language, "instructor.lessons.title"));
        Course current = course.current();
        model.put("folder", course.folder().map(Object::toString).orElse(null));
        model.put("bundled", !course.bundledSlugs().isEmpty());
        model.put("version", current.version());
        model.put("lessons", rows(current, language));
        ReloadOutcome last = course.lastReload().orElse(null);
        model.put("reloadedAt", last == null ? null : TIME.format(last.at()));
        model.put("reloadCause", last == null ? null : last.cause());
        model.put("refused", last instanceof ReloadOutcome.Refused refused
                ? refused.problems().stream().map(LessonProblem::toString).toList() : null);
        model.put("reloaded", last instanceof ReloadOutcome.Reloaded reloaded ? reloaded : null);
        InstructorAuth.formPage(ctx).render("instructor-lessons", model).contentType(PageController.HTML);
    }

    /** {@code POST /instructor/lessons/reload}: reloads, then shows the page again (303) with the outcome. */
    void reload(Context ctx) {
        auth.require(ctx);
        InstructorAuth.checkOrigin(ctx);
        ReloadOutcome outcome = course.reload(LiveCourse.BUTTON);
        LOG.info("the instructor reloaded the lessons from {}: {}", ctx.ip(),
                outcome instanceof ReloadOutcome.Refused ? "refused" : "served");
        String lang = ctx.queryParam("lang");
        ctx.header("Cache-Control", "no-store");
        ctx.redirect("/instructor/lessons" + ("zh".equals(lang) || "en".equals(lang) ? "?lang=" + lang : ""),
                HttpStatus.SEE_OTHER);
    }

    /**
     * {@code GET /api/instructor/lessons}: {@code {version, folder, lessons: [{order, slug, source}], lastReload:
     * {at, cause, outcome, problems: [{file, field, problem}]}}}.
     */
    void status(Context ctx) {
        auth.require(ctx);
        Course current = course.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", current.version());
        body.put("folder", course.folder().map(Object::toString).orElse(null));
        body.put("lessons", rows(current, Language.FALLBACK));
        course.lastReload().ifPresent(last -> {
            Map<String, Object> reload = new LinkedHashMap<>();
            reload.put("at", last.at().toString());
            reload.put("cause", last.cause());
            reload.put("outcome", last instanceof ReloadOutcome.Refused ? "refused" : "reloaded");
            if (last instanceof ReloadOutcome.Refused refused) {
                reload.put("problems", refused.problems());
            }
            body.put("lastReload", reload);
        });
        ctx.header("Cache-Control", "no-store").json(body);
    }

    /** Each lesson served, with where it comes from: {@code bundled}, {@code folder} or {@code replaces}. */
    private List<Map<String, Object>> rows(Course current, Language language) {
        Set<String> bundled = course.bundledSlugs();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Lesson lesson : current.lessons()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("order", lesson.order());
            row.put("slug", lesson.slug());
            row.put("title", lesson.text(language).title());
            row.put("href", "/lessons/" + lesson.slug());
            row.put("pictures", lesson.pictures().size());
            row.put("source", course.isBundled(lesson) ? "bundled"
                    : bundled.contains(lesson.slug()) ? "replaces" : "folder");
            rows.add(row);
        }
        return rows;
    }
}
