package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;

/**
 * Renders Thymeleaf templates ({@code templates/NAME.html} of the web folder) for {@code ctx.render(NAME, model)}.
 * The model's {@code locale} entry selects the message bundle; UI strings come from {@link Messages}. Every template
 * gets {@code assets}, the root of this version's static files ({@link AssetVersion#root()}: link
 * {@code |${assets}/js/lesson.js|}), and a page is revalidated on every visit ({@code Cache-Control: no-cache}) unless
 * its controller chose otherwise ({@code no-store}), so a new version's links are seen at once.
 */
public final class PageRenderer implements FileRenderer {

    /** The model entry holding the page's {@link Locale}. */
    public static final String LOCALE = "locale";
    /** The model entry holding the root of the static files' URLs ({@code /static/0123456789ab}). */
    public static final String ASSETS = "assets";

    private final TemplateEngine engine = new TemplateEngine();
    private final AssetVersion version;

    /** A renderer of the templates in {@code assets} with the strings of {@code messages}, linking {@code version}. */
    public PageRenderer(WebAssets assets, Messages messages, AssetVersion version) {
        engine.setTemplateResolver(assets.templateResolver());
        engine.setMessageResolver(messages);
        this.version = version;
    }

    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Object locale = model.get(LOCALE);
        Map<String, Object> variables = new HashMap<>(model);
        variables.put(ASSETS, version.root());
        if (ctx.res().getHeader("Cache-Control") == null) {
            ctx.header("Cache-Control", "no-cache");
        }
        return engine.process(template, new org.thymeleaf.context.Context(
                locale instanceof Locale l ? l : Locale.ENGLISH, variables));
    }
}
