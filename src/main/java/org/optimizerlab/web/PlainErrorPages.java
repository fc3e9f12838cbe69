package org.optimizerlab.web;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes itself, for requests it refuses before Javalin sees them (a malformed request line or
 * address such as {@code /lessons/%zz} or {@code %u002e}: 400; an address too long: 414; headers too large: 431):
 * the same {@link SecurityHeaders} as every other answer, and one plain line ({@code 400 Bad Request: the address
 * or a header is malformed (UTF-16 encoding).}) that never carries the request or an exception, only Jetty's short
 * reason when it is a plain phrase. Jetty logs nothing for these, and neither does this. Installed as the Jetty
 * server's error handler by the app factory.
 */
public final class PlainErrorPages extends ErrorHandler {
    /** Jetty's reasons are short phrases ("Bad UTF-8 encoding"); anything else is left out of the answer. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 .,-]{1,64}");

    /** The answer's text for {@code status} and Jetty's {@code reason}. */
    static String sentence(int status, String reason) {
        String generic = HttpStatus.getMessage(status);
        String what = status + " " + generic
                + (status == HttpStatus.BAD_REQUEST_400 ? ": the address or a header is malformed" : "");
        boolean tells = reason != null && PLAIN_REASON.matcher(reason).matches() && !reason.equals(generic);
        return what + (tells ? " (" + reason + ")" : "") + (status == HttpStatus.BAD_REQUEST_400 ? "." : "") + "\n";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.forHost(request.getHeaders().get(HttpHeader.HOST)).forEach(response.getHeaders()::put);
        return super.handle(request, response, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.forHost(null).forEach(fields::put);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap(sentence(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(sentence(code, message).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
