/**
 * The web side: the pages (Thymeleaf templates of the web folder, in the visitor's language), the small JSON and
 * text endpoints, the gradient-estimate endpoint, and the live-experiment WebSocket (protocol:
 * {@code docs/protocol.md}): one {@link org.optimizerlab.web.ExperimentSession} per connection, confined to its own
 * serial queue on a worker pool shared by all, with every limit in {@link org.optimizerlab.web.ServerLimits}.
 * The instructor's sign-in and pages ({@link org.optimizerlab.web.InstructorController}) and the check every
 * instructor endpoint makes ({@link org.optimizerlab.web.InstructorAuth}) talk to the class's state in
 * {@code org.optimizerlab.classroom}, never to SQL.
 */
package org.optimizerlab.web;
