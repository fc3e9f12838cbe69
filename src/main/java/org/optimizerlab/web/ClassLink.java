package org.optimizerlab.web;

import java.util.function.Consumer;

/**
 * What the experiment sockets tell the instructor's class view ({@link ClassView}): connections admitted, refused
 * and closed, each student's {@code hello}, their commands. Called on socket threads: implementations only write a
 * few fields and queue messages.
 */
public interface ClassLink {

    /** Tells nobody (a hub without a class view). */
    ClassLink NONE = new ClassLink() {
        @Override
        public SessionListener joined(String connection, Consumer<String> send) {
            return SessionListener.NONE;
        }

        @Override
        public void refused() {
        }

        @Override
        public void hello(String connection, ClientMessage.Hello hello) {
        }

        @Override
        public void heard(String connection) {
        }

        @Override
        public void left(String connection) {
        }
    };

    /** A connection was admitted; {@code send} queues a message on it. The listener gets its session's reports. */
    SessionListener joined(String connection, Consumer<String> send);

    /** A connection was refused (server full, too many from one address). */
    void refused();

    /** The student on {@code connection} said who and where they are. */
    void hello(String connection, ClientMessage.Hello hello);

    /** The student on {@code connection} sent a command (not a ping). */
    void heard(String connection);

    /** The connection closed. */
    void left(String connection);
}
