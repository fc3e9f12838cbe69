package org.optimizerlab.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Where the web files come from: the {@code web/} folder inside the jar (the default), or a folder on disk
 * ({@code OPTLAB_WEB_DIR}, for working on templates and front end without rebuilding). The folder holds
 * {@code templates/} (Thymeleaf), {@code i18n/} (message bundles) and {@code static/} (served at {@code /static}).
 *
 * @param folder the folder on disk, or empty for the jar's {@code web/}
 */
public record WebAssets(Optional<Path> folder) {

    /** The classpath prefix of the bundled web files. */
    public static final String CLASSPATH_ROOT = "web/";

    public WebAssets {
        folder = folder.map(Path::toAbsolutePath);
    }

    /** A text file under the web folder ({@code i18n/messages_en.properties}), UTF-8; empty if absent. */
    public Optional<String> readText(String relative) {
        try {
            if (folder.isPresent()) {
                Path file = folder.get().resolve(relative);
                return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                        : Optional.empty();
            }
            try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + relative)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web file " + relative, e);
        }
    }

    /** Where the static files are: a folder path, or a classpath folder. */
    public String staticDirectory() {
        return folder.map(f -> f.resolve("static").toString()).orElse("/" + CLASSPATH_ROOT + "static");
    }

    /** Whether there is a {@code static/} folder to serve at all. */
    public boolean hasStatic() {
        return folder.map(f -> Files.isDirectory(f.resolve("static")))
                .orElseGet(() -> WebAssets.class.getClassLoader().getResource(CLASSPATH_ROOT + "static") != null);
    }

    /** Whether static files are on the classpath (the jar) rather than on disk. */
    public boolean staticOnClasspath() {
        return folder.isEmpty();
    }

    /** A Thymeleaf resolver of {@code templates/NAME.html}, cached unless the templates are on disk. */
    public AbstractConfigurableTemplateResolver templateResolver() {
        AbstractConfigurableTemplateResolver resolver;
        if (folder.isPresent()) {
            resolver = new FileTemplateResolver();
            resolver.setPrefix(folder.get().resolve("templates") + "/");
            resolver.setCacheable(false);
        } else {
            resolver = new ClassLoaderTemplateResolver(WebAssets.class.getClassLoader());
            resolver.setPrefix(CLASSPATH_ROOT + "templates/");
            resolver.setCacheable(true);
        }
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        return resolver;
    }
}
