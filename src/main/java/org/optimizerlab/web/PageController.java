package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.LessonText;

/**
 * The HTML pages: the course index ({@code /}), a lesson ({@code /lessons/{slug}}) and the 404 page, each in the
 * language {@link LanguageChoice} picks, rendered from {@code templates/index.html}, {@code lesson.html} and
 * {@code not-found.html} inside {@code templates/layout.html}.
 */
public final class PageController {

    /** Pages are UTF-8 HTML. */
    static final String HTML = "text/html; charset=utf-8";

    private final Supplier<Course> course;
    private final Messages messages;
    private final LessonPageData pageData;

    public PageController(Supplier<Course> course, Messages messages, LessonPageData pageData) {
        this.course = course;
        this.messages = messages;
        this.pageData = pageData;
    }

    /** {@code GET /}: every lesson in order, with hooks for the front end's progress marks. */
    public void index(Context ctx) {
        Language language = LanguageChoice.of(ctx);
        Map<String, Object> model = layoutModel(ctx, language, messages.get(language, "app.name"));
        Course current = course.get();                          // one course for the list and its version
        List<Map<String, Object>> lessons = new ArrayList<>();
        for (Lesson lesson : current.lessons()) {
            LessonText text = lesson.text(language);
            Map<String, Object> item = new HashMap<>();
            item.put("slug", lesson.slug());
            item.put("order", lesson.order());
            item.put("title", text.title());
            item.put("summary", text.summary());
            item.put("textLang", text.language().htmlLang());
            item.put("href", "/lessons/" + lesson.slug());
            lessons.add(item);
        }
        model.put("lessons", lessons);
        model.put("courseVersion", current.version());
        ObjectNode strings = JsonNodeFactory.instance.objectNode();    // the front end's js.* strings (progress)
        messages.jsStrings(language).forEach(strings::put);
        model.put("pageStrings", pageData.embed(strings));
        ctx.render("index", model).contentType(HTML);
    }

    /** {@code GET /lessons/{slug}}: the lesson's text and the data its experiment panel is built from. */
    public void lesson(Context ctx) {
        Course current = course.get();                          // one course for the whole page
        Lesson lesson = current.lesson(ctx.pathParam("slug")).orElseThrow(NotFoundResponse::new);
        Language language = LanguageChoice.of(ctx);
        LessonText text = lesson.text(language);
        Map<String, Object> model = layoutModel(ctx, language, text.title() + " · " + messages.get(language, "app.name"));
        model.put("title", text.title());
        model.put("summary", text.summary());
        model.put("order", lesson.order());
        model.put("lessonHtml", text.html());
        model.put("textLang", text.language().htmlLang());
        model.put("translated", text.language() == language);
        model.put("lessonData", pageData.embed(pageData.of(lesson, language)));
        model.put("courseVersion", current.version());
        int index = current.lessons().indexOf(lesson);
        model.put("previous", index > 0 ? link(current.lessons().get(index - 1), language) : null);
        model.put("next", index + 1 < current.lessons().size()
                ? link(current.lessons().get(index + 1), language) : null);
        ctx.render("lesson", model).contentType(HTML);
    }

    /** The 404 page, for an unknown lesson or path (the app's 404 error handler). */
    public void notFound(Context ctx) {
        Language language = LanguageChoice.of(ctx);
        Map<String, Object> model = layoutModel(ctx, language, messages.get(language, "notfound.title"));
        ctx.status(HttpStatus.NOT_FOUND);
        ctx.render("not-found", model).contentType(HTML);
    }

    private static Map<String, Object> link(Lesson lesson, Language language) {
        Map<String, Object> link = new HashMap<>();
        link.put("href", "/lessons/" + lesson.slug());
        link.put("title", lesson.text(language).title());
        return link;
    }

    /** What the layout needs: the language, the language switch and the page title. */
    static Map<String, Object> layoutModel(Context ctx, Language language, String pageTitle) {
        Language other = language == Language.ZH ? Language.EN : Language.ZH;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put(PageRenderer.LOCALE, language.locale());
        model.put("lang", language.code());
        model.put("htmlLang", language.htmlLang());
        model.put("pageTitle", pageTitle);
        model.put("switchLang", other.code());
        model.put("switchHtmlLang", other.htmlLang());
        model.put("switchHref", ctx.path() + "?lang=" + other.code());
        return model;
    }
}
