/**
 * Lessons as files (format: {@code docs/lessons.md}): loading and validating a lessons folder with messages that
 * name file and field ({@link org.optimizerlab.lesson.LessonLoader}), rendering lesson Markdown with math left for
 * KaTeX ({@link org.optimizerlab.lesson.MarkdownRenderer}), experiment presets with their controls, the field
 * schema the controls and the page share with the engine ({@link org.optimizerlab.lesson.FieldSchema}), and the
 * claims a lesson makes, checked on the engine's output and on a page's chart data alike
 * ({@link org.optimizerlab.lesson.Claim}).
 */
package org.optimizerlab.lesson;
