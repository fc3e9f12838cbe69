package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Picture;

/**
 * What the course serves besides its pages: a lesson's pictures ({@code GET /lessons/{slug}/files/{name}}) and the
 * course's version ({@code GET /api/course/version}), which open lesson pages poll to learn that the lessons were
 * reloaded. Both read the course served now.
 */
public final class CourseFilesController {

    /**
     * The policy of a picture's answer: nothing loads, no script runs (an SVG opened on its own is a sandboxed
     * document), only its own inline styles apply.
     */
    public static final String PICTURE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private final Supplier<Course> course;

    public CourseFilesController(Supplier<Course> course) {
        this.course = course;
    }

    /**
     * {@code GET /lessons/{slug}/files/{name}}: a picture of the lesson's folder, by its plain name, with its type,
     * {@code nosniff} and {@link #PICTURE_POLICY}; 404 for anything else (other files of the folder included).
     */
    public void picture(Context ctx) {
        Lesson lesson = course.get().lesson(ctx.pathParam("slug")).orElseThrow(NotFoundResponse::new);
        Picture picture = lesson.pictures().get(ctx.pathParam("name"));
        if (picture == null) {
            throw new NotFoundResponse();
        }
        String etag = "\"" + picture.fingerprint() + "\"";
        ctx.header("Content-Security-Policy", PICTURE_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(picture.type().mediaType());
        ctx.result(picture.bytes());
    }

    /** {@code GET /api/course/version}: {@code {"version": "..."}}, never cached. */
    public void version(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("version", course.get().version()));
    }
}
