/**
 * Training problems: generated data sets and small networks that minibatch SGD trains through the notes' epoch
 * loop, with every optimizer and schedule unchanged. A {@link org.optimizerlab.train.TrainingProblem} is a
 * {@link org.optimizerlab.problem.Problem} with a training set, a flat parameter vector with a named layout
 * ({@code W1}, {@code b1}, ...) and an evaluation (train loss, accuracy, validation) for per-epoch plots.
 * Everything random comes from the spec's seed through separate {@link org.optimizerlab.train.RandomStream}s.
 * Also the SGD lesson's {@link org.optimizerlab.train.GradientEstimate}.
 */
package org.optimizerlab.train;
