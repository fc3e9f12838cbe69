package org.optimizerlab.app;

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
 * Jetty's answer to a request it refuses before the app sees it (a malformed address such as {@code /lessons/%zz} or
 * {@code %u002e}, headers too large): one plain sentence, {@code Bad request: the address is malformed (UTF-16
 * encoding).}, instead of Jetty's HTML error page. Jetty logs nothing for these, and neither does this.
 */
final class PlainErrors extends ErrorHandler {
    /** Jetty's reasons are short phrases ("Bad UTF-8 encoding"); anything else is left out of the answer. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 .,-]{1,64}");

    /** The answer's text for {@code status} and Jetty's {@code reason}. */
    static String sentence(int status, String reason) {
        String what = status == HttpStatus.BAD_REQUEST_400 ? "Bad request: the address or a header is malformed"
                : status + " " + HttpStatus.getMessage(status);
        String generic = HttpStatus.getMessage(status);
        boolean tells = reason != null && PLAIN_REASON.matcher(reason).matches() && !reason.equals(generic);
        return what + (tells ? " (" + reason + ")" : "") + ".\n";
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
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
