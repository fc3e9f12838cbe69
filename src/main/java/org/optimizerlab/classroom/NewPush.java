package org.optimizerlab.classroom;

/**
 * An experiment the instructor sends to every student's page, before the store numbers it.
 *
 * @param lessonSlug the lesson it belongs to
 * @param title      what the students see it called
 * @param spec       the experiment spec (JSON, validated by the caller), at most 256 KiB
 */
public record NewPush(String lessonSlug, String title, String spec) {
    public NewPush {
        ClassFields.slug("lessonSlug", lessonSlug);
        ClassFields.text("title", title, 200);
        ClassFields.text("spec", spec, ClassFields.MAX_SPEC_CHARS);
    }
}
