package org.optimizerlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A test client of the experiment WebSocket ({@code java.net.http}): records every message with the time it
 * arrived, and waits for messages by polling with a timeout.
 */
public final class WsClient implements AutoCloseable {

    /** How long a wait for a message may take by default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message and when it arrived ({@link System#nanoTime()}). */
    public record Received(JsonNode message, long nanos) {
    }

    private final List<Received> received = new ArrayList<>();          // guarded by itself
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean reading;
    private volatile String closeReason;

    private WsClient(HttpClient http, URI uri, String... headers) {
        this(http, uri, true, headers);
    }

    private WsClient(HttpClient http, URI uri, boolean read, String... headers) {
        this.reading = read;
        try {
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    /** Connects to {@code /ws/experiment} of {@code server}. */
    public static WsClient connect(TestServer server) {
        return new WsClient(server.http(), server.wsUri("/ws/experiment"));
    }

    /** Connects to the experiment socket at {@code uri} (a server in another process). */
    public static WsClient connect(HttpClient http, URI uri) {
        return new WsClient(http, uri);
    }

    /** Connects to the socket at {@code uri} (another process, a load balancer) with extra handshake headers. */
    public static WsClient connect(HttpClient http, URI uri, String... headers) {
        return new WsClient(http, uri, headers);
    }

    /**
     * Connects to {@code /ws/experiment} of {@code server} without reading anything until {@link #startReading()}:
     * what the server sends piles up in the network, as with a tab that has stopped reading.
     */
    public static WsClient connectNotReading(TestServer server) {
        return new WsClient(server.http(), server.wsUri("/ws/experiment"), false);
    }

    /** Starts (or resumes) reading messages. */
    public WsClient startReading() {
        reading = true;
        socket.request(1);
        return this;
    }

    /** The reason of the server's close frame, once {@link #awaitClose()} has returned. */
    public String closeReason() {
        return closeReason;
    }

    /** Connects to the socket at {@code path} of {@code server} with extra handshake headers (name, value, ...). */
    public static WsClient connectTo(TestServer server, String path, String... headers) {
        return new WsClient(server.http(), server.wsUri(path), headers);
    }

    /** Connects to {@code /ws/experiment} of {@code server} with extra handshake headers (name, value, ...). */
    public static WsClient connect(TestServer server, String... headers) {
        return new WsClient(server.http(), server.wsUri("/ws/experiment"), headers);
    }

    /** Sends one text message and waits until it is handed to the network (one send at a time: thread-safe). */
    public synchronized WsClient send(String text) {
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send", e);
        }
        return this;
    }

    /** Sends a binary message. */
    public synchronized WsClient sendBinary(byte[] data) {
        try {
            socket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send", e);
        }
        return this;
    }

    /** Every message so far, in arrival order (a copy). */
    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** Every message so far of one type. */
    public List<JsonNode> ofType(String type) {
        return received().stream().map(Received::message).filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** How many messages have arrived. */
    public int count() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Waits for the first message at index {@code from} or later that matches, and returns it. */
    public JsonNode await(String what, int from, Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        Poll.until(what, TIMEOUT, () -> {
            List<Received> all = received();
            for (int i = from; i < all.size(); i++) {
                if (matching.test(all.get(i).message())) {
                    found[0] = all.get(i).message();
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for the first message of {@code type} at index {@code from} or later. */
    public JsonNode await(String type, int from) {
        return await("a '" + type + "' message", from, m -> type.equals(m.path("type").asText()));
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose() {
        try {
            return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not close the connection", e);
        }
    }

    /** Whether the server has closed the connection. */
    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    synchronized (received) {
                        received.add(new Received(message, System.nanoTime()));
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("the server sent invalid JSON: " + text, e);
                }
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
