package org.optimizerlab.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.optimizerlab.experiment.SpecReader;

/**
 * The Java source of each optimizer, shown on lesson pages beside the formulas. The build copies
 * {@code src/main/java/org/optimizerlab/optim/*.java} into the jar under {@code source/optim/}; the files are read
 * once at start-up from a fixed list of optimizer types, so no path ever comes from a request.
 */
public final class OptimizerSources {

    /** The classpath folder of the copied sources. */
    static final String FOLDER = "source/optim/";

    private final Map<String, String> sources;

    private OptimizerSources(Map<String, String> sources) {
        this.sources = sources;
    }

    /** Reads the source of every optimizer type; a missing file is an error (the app does not start). */
    public static OptimizerSources load() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String type : SpecReader.OPTIMIZERS) {
            String file = FOLDER + fileName(type);
            try (InputStream in = OptimizerSources.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("the optimizer source " + file + " is not in the application");
                }
                sources.put(type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new OptimizerSources(Collections.unmodifiableMap(sources));
    }

    /** The source of optimizer {@code type} ({@code momentum}), empty for anything that is not an optimizer type. */
    public Optional<String> source(String type) {
        return Optional.ofNullable(sources.get(type));
    }

    /** The file that holds optimizer {@code type}. */
    static String fileName(String type) {
        return switch (type) {
            case "sgd" -> "Sgd.java";
            case "momentum" -> "Momentum.java";
            case "nesterov" -> "Nesterov.java";
            case "adagrad" -> "AdaGrad.java";
            case "rmsprop" -> "RmsProp.java";
            case "adam" -> "Adam.java";
            case "amsgrad" -> "AmsGrad.java";
            default -> throw new IllegalArgumentException("not an optimizer type: " + type);
        };
    }
}
