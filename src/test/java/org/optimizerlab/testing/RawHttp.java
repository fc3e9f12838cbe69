package org.optimizerlab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request written byte for byte on a socket, for what {@code java.net.http} will not send: a chosen
 * {@code Host} header, a malformed request line or URI, oversized headers. {@link #get} adds
 * {@code Connection: close} unless the request has its own {@code Connection}; the answer is read up to its
 * {@code Content-Length} (only the head of a 101), else until the server closes or 3 s of silence.
 */
public final class RawHttp {

    /** A parsed answer: status code, headers (names in lower case; the last of repeated ones) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** A header by its name in any case, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    private RawHttp() {
    }

    /** {@code GET path} with the given {@code Host} header and extra header lines ({@code "Origin: ..."}). */
    public static Answer get(int port, String path, String host, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        if (request.indexOf("\r\nConnection:") < 0) {
            request.append("Connection: close\r\n");
        }
        return send(port, request.append("\r\n").toString());
    }

    /** A WebSocket handshake for {@code /ws/experiment} with this {@code Host} and optional {@code Origin}. */
    public static Answer handshake(int port, String host, String origin) {
        return get(port, "/ws/experiment", host, "Connection: Upgrade", "Upgrade: websocket",
                "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                origin == null ? "X-No-Origin: 1" : "Origin: " + origin);
    }

    /** Sends {@code request} as it is (ISO-8859-1) to 127.0.0.1:{@code port} and reads the answer. */
    public static Answer send(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (!complete(bytes.toString(StandardCharsets.ISO_8859_1)) && (n = in.read(buffer)) > 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // a kept-alive connection without a length: what arrived is the answer
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Whether {@code text} holds a whole answer: the head of a 101, or a head and Content-Length bytes of body. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        if (text.startsWith("HTTP/1.1 101")) {
            return true;
        }
        Matcher length = CONTENT_LENGTH.matcher(text.substring(0, end));
        return length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    private static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("not an HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4));
    }
}
