/**
 * The application: the command line ({@link org.optimizerlab.app.Main}: {@code serve}, {@code run},
 * {@code check-lessons}), the server's configuration read from the environment
 * ({@link org.optimizerlab.app.ServerConfig}) and the factory that wires the whole unstarted web app from it
 * ({@link org.optimizerlab.app.AppFactory}); also the container's health check.
 */
package org.optimizerlab.app;
