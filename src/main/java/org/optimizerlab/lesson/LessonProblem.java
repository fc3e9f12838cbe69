package org.optimizerlab.lesson;

/**
 * One thing wrong in a lesson folder, named by file and field:
 * {@code 02-momentum/experiment.json: presets[0].spec.runs[1].optimizer.mu: must be in [0, 1), got 1.5}.
 *
 * @param file    the file or folder, relative to the lessons folder ({@code 02-momentum/en.md}); empty for the
 *                lessons folder itself
 * @param field   the field inside the file ({@code order}, {@code presets[0].claim}); empty for the whole file
 * @param problem what is wrong and what is allowed
 */
public record LessonProblem(String file, String field, String problem) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!file.isEmpty()) {
            text.append(file).append(": ");
        }
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(problem).toString();
    }
}
