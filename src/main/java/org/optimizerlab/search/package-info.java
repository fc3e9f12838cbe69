/**
 * Hyperparameter search (the notes' tuning section): random search over log-uniform learning rate and
 * regularization and uniform dropout on the spiral network or on an instructor's CSV classification table
 * ({@link org.optimizerlab.search.SearchProblem}), an optional coarse-to-fine round, trials reported as they finish
 * and the best marked; deterministic from the seed on any number of threads.
 */
package org.optimizerlab.search;
