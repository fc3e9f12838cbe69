/**
 * Weight initialization from the notes: {@code small}, {@code xavier}, {@code he} and {@code zeros} rules for weight
 * matrices and a constant for biases, drawn from a generator the caller seeds.
 */
package org.optimizerlab.init;
