/**
 * An instructor's own data: a small CSV file shipped in a lesson folder (or beside a spec given to {@code run}),
 * read only from inside that folder ({@link DataFolder}) and checked cell by cell ({@link CsvTable}), with every
 * mistake reported by file, line and column; trained on as a classifier ({@link CsvClassifier}) or a linear
 * least-squares fit of a numeric target ({@link CsvRegression}).
 */
package org.optimizerlab.data;
