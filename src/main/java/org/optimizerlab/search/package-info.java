/**
 * Hyperparameter search (the notes' tuning section): random search over log-uniform learning rate and
 * regularization and uniform dropout on the spiral network or on an instructor's CSV classification table, ranked
 * by validation accuracy, or over the learning rate alone on a CSV regression table, ranked by validation loss
 * ({@link org.optimizerlab.search.SearchProblem}, {@link org.optimizerlab.search.SearchMetric}); an optional
 * coarse-to-fine round, trials reported as they finish and the best marked; deterministic from the seed on any
 * number of threads.
 */
package org.optimizerlab.search;
