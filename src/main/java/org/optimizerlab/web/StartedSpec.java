package org.optimizerlab.web;

import java.util.Optional;
import java.util.function.Function;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.SpecKind;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.problem.Surface;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * What a {@code start} asks for once its spec is read and checked against the server's limits: a race (with the
 * contour map of its landscape, if any) or a hyperparameter search. An activation study is refused: it has its
 * own endpoint. Every mistake is a {@link FieldException} under {@code spec} (or {@code lesson}).
 */
sealed interface StartedSpec {

    /** A race of {@code experiment}; {@code contour} (JSON text) is null on a problem without a landscape. */
    record Race(Experiment experiment, String contour) implements StartedSpec {
    }

    /** A hyperparameter search. */
    record Search(SearchSpec spec) implements StartedSpec {
    }

    /**
     * Reads {@code start}'s spec within {@code limits}. A data file it names is read from the folder
     * {@code lessonData} gives for the lesson the start names, else for {@code pageLesson} (the lesson the page
     * said hello from; null: none); no folder when neither is a lesson of the course. A named lesson the course
     * does not have (any more) is an error only for a spec that reads a data file.
     */
    static StartedSpec read(ClientMessage.Start start, ServerLimits limits, String pageLesson,
                            Function<String, Optional<DataFolder>> lessonData) {
        SpecKind kind = SpecKind.of(start.spec());
        if (kind == SpecKind.ACTIVATIONS) {
            throw new FieldException("spec", "an activation study is computed with POST /api/activations, not over "
                    + "the WebSocket");
        }
        try {
            if (kind == SpecKind.SEARCH) {
                return new Search(limits.work().check(SearchReader.read(start.spec(),
                        dataFolder(start, pageLesson, lessonData))));
            }
        } catch (FieldException e) {
            throw e.under("spec");
        }
        SpecReader reader = new SpecReader(limits.specLimits(), dataFolder(start, pageLesson, lessonData));
        Experiment experiment;
        try {
            experiment = limits.work().check(reader.read(start.spec()));
        } catch (FieldException e) {
            throw e.under("spec");
        }
        // a surface is a record of its parameters: the same map for every start of an equal one
        Object key = experiment.problem() instanceof Surface surface ? surface : null;
        return new Race(experiment, experiment.problem().landscape().map(l -> ContourGrid.json(l, key)).orElse(null));
    }

    private static DataFolder dataFolder(ClientMessage.Start start, String pageLesson,
                                         Function<String, Optional<DataFolder>> lessonData) {
        if (start.lesson().isPresent()) {
            String slug = start.lesson().get();
            Optional<DataFolder> folder = lessonData.apply(slug);
            if (folder.isEmpty() && "csv".equals(start.spec().path("problem").path("type").asText())) {
                throw new FieldException("lesson", "there is no lesson " + Quote.of(slug) + " on this server");
            }
            return folder.orElse(DataFolder.NONE);
        }
        return pageLesson == null ? DataFolder.NONE : lessonData.apply(pageLesson).orElse(DataFolder.NONE);
    }
}
