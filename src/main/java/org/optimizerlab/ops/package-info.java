/**
 * Operations: what an operator watches. {@link org.optimizerlab.ops.ClassMetrics} is the one interface the rest of
 * the server reports events to (connections, experiments, updates, bytes sent, client errors, refusals, one-shot
 * computations, challenge submissions); {@link org.optimizerlab.ops.PrometheusMetrics} keeps them in Micrometer for
 * {@code GET /metrics} when {@link org.optimizerlab.ops.MetricsConfig} turns it on, and
 * {@link org.optimizerlab.ops.ClassMetrics#NONE} ignores them otherwise. Every label comes from a closed set, never
 * from a client's value. {@link org.optimizerlab.ops.ClientLog} bounds the log lines one client address can cause.
 * This package imports nothing of the web layer.
 */
package org.optimizerlab.ops;
