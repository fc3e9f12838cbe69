package org.optimizerlab.web;

/** Where a session's messages to the browser go: the WebSocket, or a recorder in tests. Thread-safe. */
interface Outbound {

    /** Sends one text message without waiting; messages sent from one thread arrive in order. */
    void send(String text);

    /** UTF-8 bytes handed to {@link #send} and not yet written to the network: how far the client lags behind. */
    long pendingBytes();
}
