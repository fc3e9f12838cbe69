/**
 * The web side: the pages (Thymeleaf templates of the web folder, in the visitor's language), the small JSON and
 * text endpoints, the gradient-estimate endpoint, and the live-experiment WebSocket (protocol:
 * {@code docs/protocol.md}): one {@link org.optimizerlab.web.ExperimentSession} per connection, confined to its own
 * serial queue on a worker pool shared by all, with every limit in {@link org.optimizerlab.web.ServerLimits}.
 */
package org.optimizerlab.web;
