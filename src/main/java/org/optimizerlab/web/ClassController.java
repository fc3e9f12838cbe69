package org.optimizerlab.web;

import java.util.function.Supplier;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.optimizerlab.classroom.ClassFields;
import org.optimizerlab.classroom.Student;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * The class's HTTP endpoints ({@code docs/protocol.md}, "The class"): whether the browser is the instructor's
 * ({@code GET /api/instructor/signed-in}), a student names themselves
 * ({@code POST /api/students/name}); the instructor renames or hides a student
 * ({@code POST /api/instructor/students/{id}/name}, {@code .../hidden}) and pushes an experiment to the class
 * ({@code POST /api/instructor/pushes}). Instructor endpoints need the instructor's session (401) and every one
 * a page of this server as its origin (403). A bad body is a 400 with {@code {"error", "field"}}.
 */
public final class ClassController {
    /** The largest body these endpoints read. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** The longest pushed title and share query. */
    static final int MAX_TITLE_CHARS = 120;
    static final int MAX_QUERY_CHARS = 4096;
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@/?%-]+");
    private static final List<String> AUDIENCES = List.of("lesson", "everyone");

    private final ClassView view;
    private final InstructorAuth auth;
    private final Supplier<Course> course;

    public ClassController(ClassView view, InstructorAuth auth, Supplier<Course> course) {
        this.view = view;
        this.auth = auth;
        this.course = course;
    }

    /** Adds the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/api/instructor/signed-in", this::signedIn);
        routes.post("/api/students/name", this::studentName);
        routes.post("/api/instructor/students/{id}/name", this::rename);
        routes.post("/api/instructor/students/{id}/hidden", this::hide);
        routes.post("/api/instructor/pushes", this::push);
    }

    /**
     * {@code {"signedIn": true|false}}: whether this browser is the signed-in instructor's, so a lesson page can
     * offer "Send to class" (always 200: a student's page asks too).
     */
    void signedIn(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(JsonNodeFactory.instance.objectNode()
                .put("signedIn", auth.session(ctx).isPresent()));
    }

    /** {@code {"student": ID, "name": NAME}}: the name the student shows to the class. */
    void studentName(Context ctx) {
        InstructorAuth.checkOrigin(ctx);
        answer(ctx, body -> {
            String student = ClassFields.id("student", body.text("student"));
            String name = ClassFields.name("name", body.text("name"));
            body.rejectUnknown();
            return named(view.saveStudentName(student, name));
        });
    }

    /** {@code {"name": NAME}}: the instructor renames a student. */
    void rename(Context ctx) {
        auth.require(ctx);
        InstructorAuth.checkOrigin(ctx);
        String student = ctx.pathParam("id");
        answer(ctx, body -> {
            ClassFields.id("id", student);
            String name = ClassFields.name("name", body.text("name"));
            body.rejectUnknown();
            return named(view.saveName(student, name));
        });
    }

    /** {@code {"hidden": true|false}}: hides a student from the class list, or shows them again. */
    void hide(Context ctx) {
        auth.require(ctx);
        InstructorAuth.checkOrigin(ctx);
        String student = ctx.pathParam("id");
        answer(ctx, body -> {
            ClassFields.id("id", student);
            boolean hidden = body.bool("hidden", true);
            body.rejectUnknown();
            view.hide(student, hidden);
            return JsonNodeFactory.instance.objectNode().put("student", student).put("hidden", hidden);
        });
    }

    /** {@code {"lesson", "title", "query", "audience"}}: stores the push and sends it; answers {@code {id, delivered}}. */
    void push(Context ctx) {
        auth.require(ctx);
        InstructorAuth.checkOrigin(ctx);
        answer(ctx, body -> {
            String slug = body.text("lesson");
            Lesson lesson = course.get().lesson(slug).orElseThrow(() -> new FieldException("lesson",
                    "no lesson is called " + Quote.of(slug)));
            String title = ClassFields.text("title", body.text("title").strip(), MAX_TITLE_CHARS);
            String query = checkQuery(body.text("query"), lesson);
            ClassView.Audience audience = body.choice("audience", AUDIENCES, "lesson").equals("everyone")
                    ? ClassView.Audience.EVERYONE : ClassView.Audience.LESSON;
            body.rejectUnknown();
            int delivered = view.push(new ClassView.PushRequest(slug, title, query, audience));
            return JsonNodeFactory.instance.objectNode().put("lesson", slug).put("delivered", delivered);
        });
    }

    /** A share link's query: URL characters only, not too long, and naming one of the lesson's presets. */
    static String checkQuery(String query, Lesson lesson) {
        if (query.length() > MAX_QUERY_CHARS) {
            throw new FieldException("query", "must be at most " + MAX_QUERY_CHARS + " characters, got "
                    + query.length());
        }
        if (!QUERY.matcher(query).matches()) {
            throw new FieldException("query", "must be the query of a lesson link (URL characters, no '#'), got "
                    + Quote.of(query));
        }
        Optional<String> preset = parameter(query, "preset");
        if (preset.isEmpty() || lesson.presets().stream().noneMatch(p -> p.id().equals(preset.get()))) {
            throw new FieldException("query", "must name a preset of lesson " + lesson.slug() + " (preset=...), got "
                    + Quote.of(preset.orElse("")));
        }
        return query;
    }

    private static Optional<String> parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static ObjectNode named(Student student) {
        return JsonNodeFactory.instance.objectNode().put("student", student.id()).put("name", student.displayName());
    }

    /** Reads the JSON body, answers what {@code handle} makes of it, or a 413/400 naming the field. */
    private static void answer(Context ctx, BodyHandler handle) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            OneShotWork.error(ctx, HttpStatus.CONTENT_TOO_LARGE, new FieldException("", "the body is "
                    + bytes.length + " bytes; at most " + MAX_BODY_BYTES + " are allowed"));
            return;
        }
        try {
            JsonFields body = JsonFields.root(SpecReader.parse(new String(bytes, StandardCharsets.UTF_8)));
            ctx.header("Cache-Control", "no-store").json(handle.apply(body));
        } catch (FieldException e) {
            OneShotWork.error(ctx, HttpStatus.BAD_REQUEST, e);
        }
    }

    /** What an endpoint makes of its body. */
    @FunctionalInterface
    private interface BodyHandler {
        ObjectNode apply(JsonFields body);
    }
}
