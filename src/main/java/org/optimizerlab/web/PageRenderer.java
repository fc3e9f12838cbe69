package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;

/**
 * Renders Thymeleaf templates ({@code templates/NAME.html} of the web folder) for {@code ctx.render(NAME, model)}.
 * The model's {@code locale} entry selects the message bundle; UI strings come from {@link Messages}.
 */
public final class PageRenderer implements FileRenderer {

    /** The model entry holding the page's {@link Locale}. */
    public static final String LOCALE = "locale";

    private final TemplateEngine engine = new TemplateEngine();

    /** A renderer of the templates in {@code assets} with the strings of {@code messages}. */
    public PageRenderer(WebAssets assets, Messages messages) {
        engine.setTemplateResolver(assets.templateResolver());
        engine.setMessageResolver(messages);
    }

    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Object locale = model.get(LOCALE);
        return engine.process(template, new org.thymeleaf.context.Context(
                locale instanceof Locale l ? l : Locale.ENGLISH, new HashMap<String, Object>(model)));
    }
}
