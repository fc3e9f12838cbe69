package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.function.Supplier;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;

/**
 * The small JSON and text endpoints: {@code GET /api/lessons}, {@code GET /healthz} and
 * {@code GET /api/optimizers/{type}/source}.
 */
public final class ApiController {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Supplier<Course> course;
    private final OptimizerSources sources;
    private final ExperimentHub hub;

    public ApiController(Supplier<Course> course, OptimizerSources sources, ExperimentHub hub) {
        this.course = course;
        this.sources = sources;
        this.hub = hub;
    }

    /** {@code [{slug, title, summary, order, languages}]} in course order, titles in the request's language. */
    public void lessons(Context ctx) {
        Language language = LanguageChoice.of(ctx);
        ArrayNode list = NODES.arrayNode();
        for (Lesson lesson : course.get().lessons()) {
            ObjectNode item = list.addObject();
            item.put("slug", lesson.slug());
            item.put("title", lesson.text(language).title());
            item.put("summary", lesson.text(language).summary());
            item.put("order", lesson.order());
            ArrayNode languages = item.putArray("languages");
            lesson.languages().forEach(l -> languages.add(l.code()));
        }
        ctx.json(list);
    }

    /**
     * {@code {"status": "ok", "lessons": N, "sessions": N, "experiments": N, "searches": N, "trials": N,
     * "unreadBytes": N, "sharedRaces": {"kept": N, "bytes": N, "replays": N}}}, always 200 while serving.
     */
    public void health(Context ctx) {
        ExperimentHub.Stats stats = hub.stats();
        ObjectNode health = NODES.objectNode();
        health.put("status", "ok");
        health.put("lessons", course.get().lessons().size());
        health.put("sessions", stats.sessions());
        health.put("experiments", stats.experiments());
        health.put("searches", stats.searches());
        health.put("trials", stats.trials());
        health.put("unreadBytes", stats.unreadBytes());
        health.putObject("sharedRaces").put("kept", stats.sharedRaces()).put("bytes", stats.sharedRaceBytes())
                .put("replays", stats.replays());
        ctx.header("Cache-Control", "no-store");
        ctx.json(health);
    }

    /** The Java source of optimizer {@code type}, as {@code text/plain}; 404 for anything else. */
    public void optimizerSource(Context ctx) {
        String source = sources.source(ctx.pathParam("type"))
                .orElseThrow(() -> new NotFoundResponse("no optimizer of that type"));
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(source);
    }
}
