package org.optimizerlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;
import org.optimizerlab.classroom.ClassFields;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.validation.FieldException;

/**
 * Where the {@code csv} table of a one-shot request ({@code POST /api/gradient-check},
 * {@code POST /api/gradient-estimate}) is read from: the data files of the lesson its {@code lesson} field names (a
 * slug, taken out of the body before the engine reads it), else none. A lesson the course does not have is an error
 * only for a problem that reads a data file.
 */
final class RequestDataFolder {

    private final Function<String, Optional<DataFolder>> lessonData;

    /** Lessons' data files by slug. */
    RequestDataFolder(Function<String, Optional<DataFolder>> lessonData) {
        this.lessonData = lessonData;
    }

    /** The folder of the lesson {@code request} names, removing its {@code lesson} field; {@link DataFolder#NONE} without. */
    DataFolder take(JsonNode request) {
        if (!(request instanceof ObjectNode object) || !object.has("lesson")) {
            return DataFolder.NONE;
        }
        JsonNode lesson = object.remove("lesson");
        if (!lesson.isTextual()) {
            throw new FieldException("lesson", "must be a lesson's slug (text)");
        }
        String slug = ClassFields.slug("lesson", lesson.asText());
        Optional<DataFolder> folder = lessonData.apply(slug);
        if (folder.isEmpty() && "csv".equals(request.path("problem").path("type").asText())) {
            throw new FieldException("lesson", "there is no lesson '" + slug + "' on this server");
        }
        return folder.orElse(DataFolder.NONE);
    }
}
