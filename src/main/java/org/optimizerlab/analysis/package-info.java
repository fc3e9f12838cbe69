/**
 * Exact analysis of the optimizers on the quadratic: the convergence rate of momentum and Nesterov per (lr, mu),
 * from the spectral radius of their 2×2 iteration on each eigendirection, and the map of it the momentum lessons draw.
 */
package org.optimizerlab.analysis;
